/** XML 1.0 escaping for the JUnit report: text, attribute values, and characters XML forbids. */

// Not allowed anywhere in an XML 1.0 document, even as a character reference.
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlText(s: string): string {
  return s.replace(INVALID, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Also escapes quotes, and line breaks and tabs, which attribute normalisation would turn into spaces. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** `<name a="1" b="2">`: attributes in the given order, values escaped. */
export function openTag(name: string, attrs: Record<string, string | number | undefined>, selfClose = false): string {
  const list = Object.entries(attrs)
    .filter((kv): kv is [string, string | number] => kv[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
  return `<${name}${list}${selfClose ? '/>' : '>'}`;
}
