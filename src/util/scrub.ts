/**
 * What a server may echo of a signed request never reaches output. EC2 and STS answer a bad
 * signature by quoting the canonical request they expected, which holds the session token and
 * the credential scope; an emulator or proxy may echo the headers outright. Such a message is
 * cut at the first signing artefact: what comes before it (the human explanation) is kept.
 */
const SIGNING_ARTEFACT =
  /The Canonical String for this request|The String-to-Sign|AWS4-HMAC-SHA256|x-amz-security-token|x-amz-signature|x-amz-credential|\bauthorization\s*[:=]|\bsignature\s*=|\bcredential\s*=/i;

export function scrubSecrets(text: string): string {
  const found = SIGNING_ARTEFACT.exec(text);
  if (!found) return text;
  return `${text.slice(0, found.index).trimEnd()} [signed request details omitted]`.trimStart();
}
