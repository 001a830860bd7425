/**
 * Applies the config file's suppressions to check results. Pure: "today" is passed in (the
 * inventory's collectedAt, never the clock), so a snapshot replay gives the same report.
 *
 * The unit of a finding is an evidence line. A rule with a resource covers an evidence line
 * whose resource it names, or whose note names only resources that rules cover (a note such as
 * "workload subnets subnet-a, subnet-b have no endpoint in their zone"). A finding is suppressed
 * when every evidence line is covered, so the same problem on a new resource counts again.
 * A rule without a resource covers the whole check. Only warn and fail can be suppressed: an
 * error means the doctor could not look, which no one can accept on its behalf (use --skip).
 */
import type { CheckResult, Evidence } from '../checks/types';
import type { SuppressionRule } from '../config/types';

export interface AppliedRule {
  resource?: string;
  reason: string;
  expires?: string;
}

export interface ResultSuppression {
  /** Every evidence line is covered: the finding does not count toward the verdict or exit code. */
  suppressed: boolean;
  /** The rules that covered something in this finding. */
  rules: AppliedRule[];
  /** Resources of evidence lines no rule covers (non-empty only for a partial suppression). */
  uncovered: string[];
}

export interface SuppressedCheckResult extends CheckResult {
  suppression?: ResultSuppression;
}

/** applied: covered part of a finding · expired: past its date, ignored · unmatched: covered nothing. */
export type SuppressionState = 'applied' | 'expired' | 'unmatched';

export interface SuppressionStatus extends SuppressionRule {
  state: SuppressionState;
}

export interface SuppressionOutcome {
  checks: SuppressedCheckResult[];
  suppressions: SuppressionStatus[];
}

// AWS ids as they appear in notes ("subnet-0abc (app-a)"); hyphenated test ids count too.
const AWS_ID = /\b(?:subnet|sg|rtb|vpce|vpc|nat|igw|eigw|tgw|acl|pl|eni|dopt)-[0-9a-z]+(?:-[0-9a-z]+)*/g;

/** `today`: an ISO date or timestamp (only YYYY-MM-DD is read); an `expires` day still applies. */
export function applySuppressions(results: readonly CheckResult[], rules: readonly SuppressionRule[], today: string): SuppressionOutcome {
  const day = today.slice(0, 10);
  const expired = (r: SuppressionRule) => r.expires !== undefined && r.expires < day;
  const active = rules.filter((r) => !expired(r));
  const used = new Set<SuppressionRule>();

  const checks = results.map((result): SuppressedCheckResult => {
    if (result.status !== 'warn' && result.status !== 'fail') return result;
    const mine = active.filter((r) => r.check === result.id);
    const applied = suppress(result, mine);
    if (!applied) return result;
    applied.used.forEach((r) => used.add(r));
    return { ...result, suppression: applied.suppression };
  });

  const suppressions = rules.map((r): SuppressionStatus => ({ ...r, state: expired(r) ? 'expired' : used.has(r) ? 'applied' : 'unmatched' }));
  return { checks, suppressions };
}

function suppress(result: CheckResult, rules: SuppressionRule[]): { suppression: ResultSuppression; used: SuppressionRule[] } | undefined {
  if (rules.length === 0) return undefined;
  const wide = rules.filter((r) => r.resource === undefined);
  if (wide.length > 0) return { suppression: { suppressed: true, rules: wide.map(applied), uncovered: [] }, used: wide };

  const byResource = new Map(rules.map((r) => [r.resource as string, r]));
  const used = new Set<SuppressionRule>();
  const uncovered: string[] = [];
  for (const unit of units(result)) {
    const covering = covers(unit, byResource);
    covering.forEach((r) => used.add(r));
    if (covering.length === 0) uncovered.push(unit.label);
  }
  if (used.size === 0) return undefined;
  const list = rules.filter((r) => used.has(r));
  return { suppression: { suppressed: uncovered.length === 0, rules: list.map(applied), uncovered: [...new Set(uncovered)] }, used: list };
}

/** One evidence line (subject = its resource, mentions = the ids in its note), or a whole finding. */
interface Unit {
  label: string;
  /** Covered when a rule names one of these. */
  anyOf: string[];
  /** Or when rules name every one of these (none: this way does not apply). */
  allOf: string[];
}

function units(result: CheckResult): Unit[] {
  if (result.evidence.length === 0) {
    // Without evidence there is nothing finer to go by: any resource the finding names.
    return [{ label: result.resources[0] ?? result.id, anyOf: [...result.resources], allOf: [] }];
  }
  return result.evidence.map((e: Evidence) => ({ label: e.resource, anyOf: [e.resource], allOf: idsIn(e.note) }));
}

function covers(unit: Unit, byResource: Map<string, SuppressionRule>): SuppressionRule[] {
  const direct = unit.anyOf.find((id) => byResource.has(id));
  if (direct !== undefined) return [byResource.get(direct)!];
  if (unit.allOf.length > 0 && unit.allOf.every((id) => byResource.has(id))) return unit.allOf.map((id) => byResource.get(id)!);
  return [];
}

function idsIn(text: string | undefined): string[] {
  return text ? [...new Set(text.match(AWS_ID) ?? [])] : [];
}

function applied(r: SuppressionRule): AppliedRule {
  return { ...(r.resource !== undefined ? { resource: r.resource } : {}), reason: r.reason, ...(r.expires !== undefined ? { expires: r.expires } : {}) };
}
