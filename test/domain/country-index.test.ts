import { describe, expect, it } from 'vitest';
import { COUNTRY_INDEX_JSON } from '../../tools/domain/country-index.data.js';
import { renderDataModule, type CountryIndexData } from '../../tools/domain/country-index-build.js';
import { countryIndexFromPackages } from '../../scripts/gen-countries.js';

describe('the country index data file', () => {
  it('is what world-countries and city-timezones give today (after updating either, run npm run gen:countries)', () => {
    expect(JSON.parse(COUNTRY_INDEX_JSON)).toEqual(countryIndexFromPackages());
  });

  it('the data module keeps any quote or backslash in a name intact', async () => {
    const data: CountryIndexData = { countries: [['XX', "Cote d'Ivoire \\ \"test\"", 'r', 's', true, 1]], codes: [], keys: [], text: [], idd: [] };
    const src = renderDataModule(data);
    const mod = (await import(`data:text/javascript,${encodeURIComponent(src)}`)) as { COUNTRY_INDEX_JSON: string };
    expect(JSON.parse(mod.COUNTRY_INDEX_JSON)).toEqual(data);
  });
});
