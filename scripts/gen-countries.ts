/**
 * `npm run gen:countries`: writes tools/domain/country-index.data.ts, the country index's data, from the
 * installed world-countries and city-timezones (see tools/domain/country-index-build.ts). Run it after
 * updating either package; test/domain/country-index.test.ts fails until then.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCountryIndexData, countriesFrom, renderDataModule, type City } from '../tools/domain/country-index-build.js';
import { PACKAGE_ROOT } from '../src/paths.js';

export const DATA_FILE = join(PACKAGE_ROOT, 'tools/domain/country-index.data.ts');

/** The index data from the installed packages. */
export function countryIndexFromPackages() {
  const require = createRequire(import.meta.url);
  const cities = (require('city-timezones') as { cityMapping: City[] }).cityMapping;
  return buildCountryIndexData(countriesFrom(require('world-countries')), cities);
}

if (process.argv[1]?.endsWith('gen-countries.ts')) {
  const module = renderDataModule(countryIndexFromPackages());
  writeFileSync(DATA_FILE, module);
  process.stdout.write(`wrote ${DATA_FILE}: ${(Buffer.byteLength(module) / 1024).toFixed(0)} KiB\n`);
}
