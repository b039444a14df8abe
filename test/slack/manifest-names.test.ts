/**
 * The manifest says one name per thing (issue 16): the shortcut its description names is the one it
 * declares, and the Slack texts that point at it use the same name. The app icon (which a manifest
 * cannot carry) is the one scripts/draw-icon.ts draws, at a size Slack accepts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load as parse } from 'js-yaml';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { drawIcon } from '../../scripts/draw-icon.js';

const manifest = parse(readFileSync(join(PACKAGE_ROOT, 'manifest.yml'), 'utf8'));

describe('names in manifest.yml', () => {
  it('the shortcut named in the long description is the declared one', () => {
    const names: string[] = manifest.features.shortcuts.map((s: { name: string }) => s.name);
    const quoted = [...(manifest.display_information.long_description as string).matchAll(/"([^"]+)" shortcut/g)].map((m) => m[1]);
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(names).toContain(q);
  });

  it('the in-Slack help names the shortcut as the manifest does', () => {
    const name = manifest.features.shortcuts[0].name as string;
    for (const f of ['src/slack/blocks/views.ts', 'src/slack/blocks/replies.ts']) {
      const src = readFileSync(join(PACKAGE_ROOT, f), 'utf8');
      for (const m of src.matchAll(/message shortcut \*([^*]+)\*/g)) expect(m[1], f).toBe(name);
    }
  });
});

describe('assets/icon.png', () => {
  it('is a 512×512 PNG (Slack: 512 to 2000 px, square) and what scripts/draw-icon.ts draws', () => {
    const png = readFileSync(join(PACKAGE_ROOT, 'assets/icon.png'));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(png.equals(drawIcon())).toBe(true);
  });
});
