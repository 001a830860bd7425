/**
 * A tiny HCL writer for the Terraform fix plan: quoted strings, lists, comments and blocks laid
 * out the way `terraform fmt` does (two-space indent, `=` aligned within a run of attributes),
 * so the output is fmt-clean as printed.
 */
import { clean } from './sanitize';

/** An attribute value: a literal string, a list of strings, or raw HCL (a number, a reference). */
export type HclValue = string | readonly string[] | { raw: string };

export interface HclBlock {
  type: string;
  labels: string[];
  attributes: Array<[name: string, value: HclValue]>;
}

/**
 * A quoted HCL string. The value is cleaned first (no controls, so no newline to escape), then
 * `\` and `"` are backslash-escaped and the template introducers `${` and `%{` doubled to `$${`
 * and `%%{`, so Terraform reads the characters literally instead of interpolating.
 */
export function hclString(value: string): string {
  const escaped = clean(value)
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\$\{/g, () => '$${') // a function: in a replacement string "$$" means "$"
    .replace(/%\{/g, '%%{');
  return `"${escaped}"`;
}

export function hclComment(text: string): string {
  const body = clean(text).trim();
  return body ? `# ${body}` : '#';
}

/** A resource label: lower-case letters, digits and `_`, not starting with a digit, at most 64 long. */
export function hclIdentifier(text: string): string {
  const id = clean(text).toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 64).replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(id) ? id : `r_${id}`;
}

export function hclBlock(block: HclBlock): string[] {
  const labels = block.labels.map((l) => ` ${hclString(l)}`).join('');
  const width = Math.max(0, ...block.attributes.map(([name]) => name.length));
  const lines = block.attributes.map(([name, value]) => `  ${name.padEnd(width)} = ${hclValue(value)}`);
  return [`${block.type}${labels} {`, ...lines, '}'];
}

function hclValue(value: HclValue): string {
  if (typeof value === 'string') return hclString(value);
  if ('raw' in value) return value.raw;
  return `[${(value as readonly string[]).map(hclString).join(', ')}]`;
}
