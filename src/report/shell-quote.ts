/**
 * Shell quoting for the CLI fix plan. Every value that reaches the script comes from AWS or a
 * snapshot file (ids, CIDRs, names), so it is cleaned (no escape sequences, no newlines) and then
 * single-quoted: inside '…' a POSIX shell expands nothing ($(…), `…`, $VAR, globs), and the only
 * character to handle is the quote itself, written as '\''.
 */
import { clean } from './sanitize';

export function shellQuote(value: string): string {
  return `'${clean(value).replace(/'/g, `'\\''`)}'`;
}

/** A `# …` comment line: cleaned, so a newline cannot end the comment and start a command. */
export function shellComment(text: string): string {
  const body = clean(text).trim();
  return body ? `# ${body}` : '#';
}
