import type { Check, CheckOptions, CheckResult, Outcome } from '../checks/types';
import type { Gap, Inventory } from '../inventory/types';

/**
 * Runs every check against one inventory, in registry order (the troubleshooting flow).
 * Pure and synchronous: a gap in a part a check needs, or a check that throws, becomes that
 * check's own `error` result instead of stopping the run.
 */
export function runChecks(
  checks: readonly Check[],
  inv: Inventory,
  opts: CheckOptions,
  selection: Selection = {},
): CheckResult[] {
  return checks.map((check) => {
    const deselected = deselectionReason(check, selection);
    return toResult(check, deselected ? { status: 'skip', summary: deselected } : evaluateSafely(check, inv, opts));
  });
}

/** --only / --skip, by check id or stage. A deselected check still appears, as `skip`. */
export interface Selection {
  only?: readonly string[];
  skip?: readonly string[];
}

function deselectionReason(check: Check, selection: Selection): string | undefined {
  const matches = (keys: readonly string[]) => keys.includes(check.id) || keys.includes(check.stage);
  if (selection.only?.length && !matches(selection.only)) return 'Not selected (--only).';
  if (selection.skip?.length && matches(selection.skip)) return 'Skipped on request (--skip).';
  return undefined;
}

function evaluateSafely(check: Check, inv: Inventory, opts: CheckOptions): Outcome {
  const gaps = inv.gaps.filter((g) => check.needs.includes(g.part));
  if (gaps.length > 0) return gapOutcome(gaps);
  try {
    return check.evaluate(inv, opts);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { status: 'error', summary: `Internal error while evaluating this check: ${message}` };
  }
}

function gapOutcome(gaps: Gap[]): Outcome {
  const unique = [...new Map(gaps.map((g) => [g.call, g])).values()];
  const actions = [...new Set(unique.map((g) => g.iamAction))];
  return {
    status: 'error',
    summary: `Could not evaluate: ${unique.map((g) => `${g.call} failed (${g.code})`).join('; ')}. Grant ${actions.join(', ')}.`,
    evidence: unique.map((g) => ({
      resource: g.call,
      field: 'error',
      observed: `${g.code}: ${g.message}`,
      expected: `permission ${g.iamAction}`,
    })),
  };
}

function toResult(check: Check, outcome: Outcome): CheckResult {
  return {
    id: check.id,
    title: check.title,
    stage: check.stage,
    status: outcome.status,
    summary: outcome.summary,
    resources: outcome.resources ?? [],
    evidence: outcome.evidence ?? [],
    remediation: outcome.remediation ?? [],
  };
}
