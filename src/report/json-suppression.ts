/** Fixed key order for the suppression parts of the --json report (see json.ts). */
import type { AppliedRule, ResultSuppression, SuppressionStatus } from '../engine/suppress';

export function canonicalResultSuppression(s: ResultSuppression): ResultSuppression {
  return { suppressed: s.suppressed, rules: s.rules.map(canonicalRule), uncovered: [...s.uncovered] };
}

export function canonicalSuppressionStatus(s: SuppressionStatus): SuppressionStatus {
  return { check: s.check, resource: s.resource, reason: s.reason, expires: s.expires, state: s.state };
}

function canonicalRule(r: AppliedRule): AppliedRule {
  return { resource: r.resource, reason: r.reason, expires: r.expires };
}
