import { clean } from '../report/sanitize';
import { DiagnoseError } from '../util/errors';
import { scrubSecrets } from '../util/scrub';

/** What --json prints when nothing could be diagnosed (exit 2). */
export interface FailureDocument {
  schemaVersion: 1;
  error: { reason: string; message: string };
}

/**
 * Turns any error into one clean line on stderr and exit code 2 ("could not diagnose").
 * Returns the JSON document oclif prints under --json, so CI always gets parseable output.
 * The exit code is set, not thrown: oclif's JSON mode would otherwise force exit 1.
 */
export function failure(err: unknown): FailureDocument {
  const known = err instanceof DiagnoseError;
  // An unexpected error may carry a server's echo of the signed request: scrubbed like the rest.
  const message = clean(scrubSecrets(known ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`));
  const reason = known ? err.reason : 'internal';
  // Straight to stderr: oclif's logToStderr is silent under --json, and CI logs need the line.
  process.stderr.write(`ecr-vpce: ${message}\n`);
  if (!known && process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack.split('\n').map(scrubSecrets).join('\n')}\n`);
  process.exitCode = 2;
  return { schemaVersion: 1, error: { reason, message } };
}
