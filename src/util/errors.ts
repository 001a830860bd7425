/** Marks a DiagnoseError from any copy of this class (see Symbol.hasInstance below). */
const DIAGNOSE_ERROR = Symbol.for('ecr-vpce.DiagnoseError');

/**
 * An error the user can act on: printed as one line, no stack trace, exit code 2
 * ("could not diagnose": bad input, unknown VPC, missing region or credentials...).
 */
export class DiagnoseError extends Error {
  readonly exitCode = 2;
  readonly [DIAGNOSE_ERROR] = true;

  constructor(
    message: string,
    /** Machine-readable reason, stable for --json consumers (e.g. "vpc-not-found"). */
    readonly reason: string,
  ) {
    super(message);
    this.name = 'DiagnoseError';
  }

  /**
   * The collector ships in its own bundle (dist/aws.js) with its own copy of this class, so a
   * plain prototype check would miss the errors it throws; the shared symbol does not.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    const branded = value as { [DIAGNOSE_ERROR]?: unknown } | null;
    return typeof branded === 'object' && branded !== null && branded[DIAGNOSE_ERROR] === true;
  }
}
