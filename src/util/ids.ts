import { DiagnoseError } from './errors';

/** AWS resource ids: a prefix and 8 or 17 lowercase hex digits. Checked before any API call. */
const ID_PATTERN: Record<string, RegExp> = {
  vpc: /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
  subnet: /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
  sg: /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/,
};

const NOUN: Record<keyof typeof ID_PATTERN, string> = { vpc: 'VPC', subnet: 'subnet', sg: 'security group' };

export function assertId(kind: keyof typeof ID_PATTERN, value: string, flag: string): string {
  const trimmed = value.trim();
  if (!ID_PATTERN[kind].test(trimmed)) {
    const shown = JSON.stringify(trimmed.slice(0, 64));
    throw new DiagnoseError(
      `${flag} ${shown} is not a valid ${NOUN[kind]} id (expected ${kind}- followed by 8 or 17 hex digits, e.g. ${kind}-0123456789abcdef0)`,
      'bad-input',
    );
  }
  return trimmed;
}

const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function assertRegion(value: string): string {
  if (!REGION_PATTERN.test(value)) {
    throw new DiagnoseError(`--region ${JSON.stringify(value.slice(0, 64))} is not an AWS region name (e.g. us-east-1, eu-west-1, cn-north-1)`, 'bad-input');
  }
  return value;
}

/** --endpoint-url: an http(s) URL, or the SDK fails later with a message about something else. */
export function assertEndpointUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new DiagnoseError(`--endpoint-url ${JSON.stringify(value.slice(0, 100))} is not an http(s) URL (e.g. https://ec2.us-east-1.amazonaws.com)`, 'bad-input');
  }
  return value;
}
