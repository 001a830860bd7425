/**
 * An error the user can act on: printed as one line, no stack trace, exit code 2
 * ("could not diagnose": bad input, unknown VPC, missing region or credentials...).
 */
export class DiagnoseError extends Error {
  readonly exitCode = 2;
  constructor(
    message: string,
    /** Machine-readable reason, stable for --json consumers (e.g. "vpc-not-found"). */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'DiagnoseError';
  }
}
