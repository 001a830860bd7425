/**
 * Makes AWS-sourced text inert before it reaches a terminal. Anyone who can tag a resource can
 * put escape sequences in a Name tag ("\u001b]0;pwned\u0007" retitles the window, "\u001b[2J"
 * clears the screen, a newline can forge a fake "✓" line), so every such string is cleaned.
 * Printable unicode (accents, CJK, emoji) is kept.
 */

// String sequences (OSC, DCS, SOS, PM, APC), 7-bit or 8-bit introducer, ended by BEL or ST.
// Their payload is never displayed by a terminal, so it is dropped with them.
const STRING_SEQUENCE = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)/g;
// CSI: ESC [ or 8-bit CSI, parameter bytes, intermediate bytes, one final byte.
const CSI_SEQUENCE = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g;
// Any other escape (ESC c, ESC ( B, ESC 7...) and the introducer of an unterminated one: what
// follows it is then plain text, shown rather than swallowed.
const OTHER_ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
// Line breaks and tabs become a space so words do not run together (and cannot start a new line).
const WHITESPACE_CONTROL = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// Remaining C0, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidirectional overrides/isolates ("Trojan Source"): they can make "subnet-abc" display reversed.
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Strips escape sequences and control characters from one string. */
export function clean(s: string): string {
  return s
    .replace(STRING_SEQUENCE, '')
    .replace(CSI_SEQUENCE, '')
    .replace(OTHER_ESCAPE, '')
    .replace(WHITESPACE_CONTROL, ' ')
    .replace(CONTROL, '')
    .replace(BIDI_CONTROL, '');
}

/**
 * Cleans every string inside a JSON-like value (a whole report), so a renderer cannot forget
 * one field. Returns a copy; the input is not modified.
 */
export function cleanDeep<T>(value: T): T {
  return cleanAny(value) as T;
}

function cleanAny(value: unknown): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(cleanAny);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanAny(v)]));
  }
  return value;
}
