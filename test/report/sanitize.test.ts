import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clean, cleanDeep } from '../../src/report/sanitize';

const ESC = '\u001b';
/** Nothing a terminal would act on may survive. */
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('clean', () => {
  it('drops an OSC window-title sequence with its payload (BEL or ST terminated)', () => {
    assert.equal(clean(`app${ESC}]0;pwned\u0007-a`), 'app-a');
    assert.equal(clean(`app${ESC}]0;pwned${ESC}\\-a`), 'app-a');
    assert.equal(clean(`app\u009d0;pwned\u009c-a`), 'app-a');
  });

  it('drops an OSC 8 hyperlink but keeps its visible text', () => {
    assert.equal(clean(`${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`), 'click');
  });

  it('drops CSI sequences: clear screen, colours, cursor moves, private modes, 8-bit CSI', () => {
    assert.equal(clean(`${ESC}[2J${ESC}[Hprod`), 'prod');
    assert.equal(clean(`${ESC}[31;1mred${ESC}[0m`), 'red');
    assert.equal(clean(`a${ESC}[?25lb${ESC}[10A`), 'ab');
    assert.equal(clean('x\u009b2Jy'), 'xy');
  });

  it('drops DCS, APC and two-byte escapes (reset, charset switch)', () => {
    assert.equal(clean(`a${ESC}P1$r${ESC}\\b`), 'ab');
    assert.equal(clean(`a${ESC}_payload${ESC}\\b`), 'ab');
    assert.equal(clean(`a${ESC}cb${ESC}(0c`), 'abc');
  });

  it('neutralises an unterminated sequence: the introducer goes, the rest is shown as text', () => {
    const out = clean(`name${ESC}]0;still-here`);
    assert.equal(out, 'name0;still-here');
    assert.doesNotMatch(clean(`tail${ESC}`), DANGEROUS);
    assert.equal(clean(`tail${ESC}[31`), 'tail31');
  });

  it('turns line breaks and tabs into spaces, so a tag cannot forge a new report line', () => {
    assert.equal(clean('app\n  ✓ vpc-dns-support  all good'), 'app   ✓ vpc-dns-support  all good');
    assert.equal(clean('a\r\nb\tc'), 'a b c');
  });

  it('removes other C0, DEL and C1 controls', () => {
    assert.equal(clean('a\u0000b\u0007c\u0008d\u007fe\u0085f\u0090g'), 'abcde fg');
  });

  it('removes bidi overrides that would display an id reversed', () => {
    assert.equal(clean('subnet-\u202eedcba\u202c'), 'subnet-edcba');
    assert.equal(clean('\u2066x\u2069'), 'x');
  });

  it('keeps printable unicode: accents, CJK, emoji (with ZWJ), arrows', () => {
    const s = 'Produktion é 生产 🚀 👩‍💻 → ✓';
    assert.equal(clean(s), s);
  });

  it('leaves nothing dangerous in a mix of everything', () => {
    const nasty = `${ESC}]0;pwned\u0007${ESC}[2J\u009b31m${ESC}P+q${ESC}\\\u202e${ESC}]52;c;ZXZpbA==\u0007ok\r${ESC}`;
    const out = clean(nasty);
    assert.doesNotMatch(out, DANGEROUS);
    assert.match(out, /ok/);
  });
});

describe('cleanDeep', () => {
  it('cleans every string, nested in objects and arrays, without touching the input', () => {
    const input = { a: `x${ESC}[2J`, b: [{ c: `y\u0007` }, 3, true, null], d: { e: undefined as string | undefined } };
    const out = cleanDeep(input);
    assert.deepEqual(out, { a: 'x', b: [{ c: 'y' }, 3, true, null], d: { e: undefined } });
    assert.equal(input.a, `x${ESC}[2J`);
  });
});
