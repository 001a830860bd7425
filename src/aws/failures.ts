/**
 * What a failed call means: usually a gap (the checks needing that part say `error`), but some
 * failures mean nothing at all can be diagnosed and become one DiagnoseError (exit 2).
 */
import type { Gap } from '../inventory/types';
import { DiagnoseError } from '../util/errors';
import { scrubSecrets } from '../util/scrub';
import type { AwsOperation } from './operations';
import type { Outcome } from './outcome';

const CREDENTIAL_CODES = new Set([
  'CredentialsProviderError', // no credentials found anywhere in the chain
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'AuthFailure', // EC2's word for an unknown key or a bad signature
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
  // EC2's answer to expired temporary credentials (also to a clock more than 15 minutes off).
  'RequestExpired',
]);

// Expired rather than wrong: the fix is new credentials (or the clock), not a different key.
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

// The SDK's own list (it retries these with the longer throttling back-off).
const THROTTLING_CODES = new Set([
  'RequestLimitExceeded', // EC2
  'Throttling', // STS, CloudWatch (query protocol)
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'PriorRequestNotComplete',
]);

// Socket-level failures, seen after the SDK's retries: the API endpoint does not answer at all.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'TimeoutError', // the SDK's connection/request timeout
]);

const DENIED_CODES = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);

export function isThrottling(code: string): boolean {
  return THROTTLING_CODES.has(code);
}

/** The AWS error code (the SDK puts it in `name`), a Node socket code, or the error's class. */
export function errorCode(err: unknown): string {
  if (!(err instanceof Error)) return 'UnknownError';
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code) return code;
  // A reply the SDK could not parse surfaces as a bare Error/SyntaxError carrying the raw response.
  if ('$response' in err && (err.name === 'Error' || err.name === 'SyntaxError')) return 'MalformedResponse';
  return err.name || 'Error';
}

/**
 * One printable line, without EC2's multi-kilobyte "Encoded authorization failure message" and
 * without any echo of the signed request: the text comes from the server and ends up on a
 * terminal, in JSON and in snapshots.
 */
export function errorMessage(err: unknown): string {
  const raw = scrubSecrets(err instanceof Error ? err.message : String(err));
  const line = printable(raw.replace(/\s*Encoded authorization failure message:.*$/s, '').split('\n')[0]).trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line || errorCode(err);
}

/** Control characters (escape sequences included) become spaces. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}

export function toGap(op: AwsOperation, err: unknown): Gap {
  return { part: op.part, call: op.call, code: errorCode(err), message: errorMessage(err), iamAction: op.iamAction };
}

/** A failure that dooms every other call too: bad credentials, or no route to the API. */
export function fatalFailure(err: unknown, where: string): DiagnoseError | undefined {
  const code = errorCode(err);
  if (CREDENTIAL_CODES.has(code)) {
    const detail = errorMessage(err);
    const text = EXPIRED_CODES.has(code)
      ? `${detail.replace(/[.\s]+$/, '')}. Get fresh credentials (aws sso login, a new session) and check the system clock`
      : detail;
    return new DiagnoseError(`AWS credentials rejected or missing (${code}): ${text}`, 'credentials');
  }
  if (UNREACHABLE_CODES.has(code)) {
    return new DiagnoseError(`Cannot reach the AWS API ${where} (${code}): ${errorMessage(err)}`, 'endpoint-unreachable');
  }
  return undefined;
}

/** Throws the first fatal failure among the outcomes, in their order. */
export function throwIfFatal(outcomes: readonly Outcome<unknown>[], where: string): void {
  for (const o of outcomes) {
    const fatal = o.ok ? undefined : fatalFailure(o.error, where);
    if (fatal) throw fatal;
  }
}

/**
 * Without the VPC itself nothing can be judged: an unknown or unreadable VPC stops here. Other
 * DescribeVpcs failures (throttled, 5xx, garbled answer) stay a gap: the rest can still be judged.
 */
export function requireVpc(vpc: Outcome<unknown>, vpcId: string, region: string, accountId: string | undefined): void {
  const account = accountId ? ` (account ${accountId})` : '';
  const notFound = new DiagnoseError(`VPC ${printable(vpcId)} not found in ${region}${account}`, 'vpc-not-found');
  if (vpc.ok) {
    if (vpc.value === undefined) throw notFound;
    return;
  }
  const code = errorCode(vpc.error);
  if (code === 'InvalidVpcID.NotFound') throw notFound;
  if (code === 'InvalidVpcID.Malformed') {
    throw new DiagnoseError(`Invalid VPC id ${JSON.stringify(vpcId)}: expected vpc- followed by hex digits`, 'invalid-vpc-id');
  }
  if (DENIED_CODES.has(code)) {
    throw new DiagnoseError(`Not allowed to call ${vpc.op.iamAction} (${code}): nothing can be diagnosed without it`, 'denied');
  }
}
