/** The CLI's one terminal renderer (src/render/terminal.ts): Markdown in, terminal text out. */
import { describe, expect, it } from 'vitest';
import { markdownToTerminal } from '../../src/render/terminal.js';
import { useColor } from '../../src/render/color.js';

const MD = [
  '## Payload check',
  '**Not valid:** 1 error. Use `whatsapp` — _not_ `WhatsApp`.',
  '| | |\n|---|---|\n| Status | FAILED |\n| Error codes | a \\| b |',
  '### Findings',
  '1. **error** `channel` — wrong case\n   Fix: write it in lowercase',
  '- one\n- two',
  '> a question?',
  '```json\n{\n  "channel": "whatsapp"\n}\n```',
].join('\n\n');

describe('markdownToTerminal', () => {
  it('plain: no Markdown markup and no escape sequences; tables as aligned label: value lines; code as it is', () => {
    const out = markdownToTerminal(MD, { color: false });
    expect(out).not.toMatch(/\x1b\[/);
    expect(out).not.toMatch(/\*\*|`|^#|^\|/m);
    expect(out).toContain('Payload check\n\nNot valid: 1 error. Use whatsapp — not WhatsApp.');
    expect(out).toContain('Status:       FAILED\nError codes:  a | b');
    expect(out).toContain('1. error channel — wrong case\n   Fix: write it in lowercase');
    expect(out).toContain('• one\n• two');
    expect(out).toContain('│ a question?');
    expect(out).toContain('{\n  "channel": "whatsapp"\n}');
    expect(out.endsWith('}\n')).toBe(true);
  });

  it('colour: bold headings, red errors, cyan code', () => {
    const out = markdownToTerminal(MD, { color: true });
    expect(out).toMatch(/\x1b\[1m/);
    expect(out).toMatch(/\x1b\[31m/);
    expect(out).toMatch(/\x1b\[36mwhatsapp/);
  });

  it('escape sequences in the text never reach the terminal, even with colour on', () => {
    const out = markdownToTerminal('**ticket** \u001b]8;;http://evil\u0007click\u001b[2J here \u202e', { color: true });
    expect(out).not.toMatch(/\x1b\](?:8|0)|\x1b\[2J|\u0007|\u202e/);
  });
});

describe('useColor', () => {
  it('on a TTY only; NO_COLOR turns it off, FORCE_COLOR on, TERM=dumb off', () => {
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(useColor({ TERM: 'dumb' }, true)).toBe(false);
  });
});
