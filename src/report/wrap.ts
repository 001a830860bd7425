/**
 * Word wrapping for the human report. Works on plain (already cleaned, not yet coloured) text,
 * counting one column per code point (wide CJK glyphs are not measured; ids and English text are
 * what matters here). A word longer than the line is kept whole: resource ids and ARNs must stay
 * copy-pasteable.
 */

/** Below this, wrapping makes things worse than one long line. */
const MIN_COLUMNS = 20;

export function visibleLength(s: string): number {
  return Array.from(s).length;
}

/** Splits `text` into lines of at most `first` columns, then `rest` columns. */
export function wrapText(text: string, first: number, rest: number): string[] {
  const words = text.split(' ').filter((w) => w.length > 0);
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const limit = Math.max(MIN_COLUMNS, lines.length === 0 ? first : rest);
    if (line === '') line = word;
    else if (visibleLength(line) + 1 + visibleLength(word) <= limit) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}
