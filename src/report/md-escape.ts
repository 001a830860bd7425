/**
 * Makes AWS-sourced text inert in GitHub/GitLab Markdown. A Name tag is attacker-controlled: in
 * a pull-request comment it could add links, images (tracking pixels), HTML, or @mentions that
 * notify people. Text is backslash-escaped (CommonMark escapes any ASCII punctuation); values go
 * in code spans, where nothing is interpreted; and "@" gets a zero-width space after it because
 * GitHub links mentions in plain text even when the "@" is escaped.
 */

// Punctuation that can start inline syntax: emphasis, links and images ("["), HTML, code,
// headings, tables, strike-through, entities. "(", ")" and "!" only act after "[" or "]".
const SPECIAL = /[\\`*_[\]<>#|~&]/g;

export function md(text: string): string {
  return text
    .replace(SPECIAL, '\\$&')
    // GFM links bare URLs whatever the escapes: a zero-width space breaks "://" and "www.".
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u200b.`)
    .replace(/@/g, '@\u200b');
}

/** A code span holding `text` verbatim; `inTable` also escapes "|", which GFM splits cells on first. */
export function code(text: string, inTable = false): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  const body = inTable ? text.replace(/\|/g, '\\|') : text;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Cuts a long value (a policy document) for a comment; the JSON report keeps it whole. */
export function clip(text: string, max = 200): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
