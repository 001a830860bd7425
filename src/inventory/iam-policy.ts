/**
 * Just enough IAM policy evaluation for VPC endpoint policies: does this document let anyone
 * (Principal "*") perform one action on one resource? Pure.
 *
 * Explicit Deny wins over Allow; no matching Allow is an implicit deny. Action and Resource take
 * the IAM wildcards `*` and `?` (actions case-insensitively, ARNs case-sensitively), NotAction and
 * NotResource invert the match. What cannot be decided from the document alone makes the answer
 * `uncertain`, never `allow`: a Condition, or a principal narrower than everyone (the workload's
 * role is not known here).
 */

export interface PolicyRequest {
  action: string;
  resource: string;
}

export type Decision = 'allow' | 'deny' | 'implicit-deny' | 'uncertain';

export interface PolicyDecision {
  decision: Decision;
  /** The statements behind the decision ("Sid" or "#2"). */
  statements: string[];
  /** Why it is uncertain, one line per statement. */
  reasons: string[];
}

export interface Statement {
  label: string;
  effect: 'Allow' | 'Deny';
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  /** true for "*", {"AWS": "*"} or no principal at all (an endpoint policy then applies to all). */
  anyPrincipal: boolean;
  principalText?: string;
  hasCondition: boolean;
  hasNotPrincipal: boolean;
}

export type ParsedPolicy = { ok: true; statements: Statement[]; fullAccess: boolean } | { ok: false; error: string };

/** AWS's default endpoint policy when none is set: full access. */
const FULL_ACCESS: ParsedPolicy = { ok: true, statements: [], fullAccess: true };

export function parsePolicy(document: string | undefined): ParsedPolicy {
  if (document === undefined || document.trim() === '') return FULL_ACCESS;
  let json: unknown;
  try {
    json = JSON.parse(document);
  } catch (err) {
    return { ok: false, error: `not valid JSON (${(err as Error).message})` };
  }
  if (!isObject(json)) return { ok: false, error: 'not a JSON object' };
  const raw = json.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const statements: Statement[] = [];
  for (const [i, s] of list.entries()) {
    if (!isObject(s)) return { ok: false, error: `statement #${i + 1} is not an object` };
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return { ok: false, error: `statement #${i + 1} has Effect ${JSON.stringify(s.Effect)}` };
    statements.push({
      label: typeof s.Sid === 'string' && s.Sid ? s.Sid : `#${i + 1}`,
      effect: s.Effect,
      actions: strings(s.Action),
      notActions: strings(s.NotAction),
      resources: strings(s.Resource),
      notResources: strings(s.NotResource),
      anyPrincipal: s.Principal === undefined || isEveryone(s.Principal),
      principalText: s.Principal === undefined ? undefined : JSON.stringify(s.Principal),
      hasCondition: isObject(s.Condition) && Object.keys(s.Condition).length > 0,
      hasNotPrincipal: s.NotPrincipal !== undefined,
    });
  }
  return { ok: true, statements, fullAccess: false };
}

export function evaluatePolicy(policy: ParsedPolicy & { ok: true }, req: PolicyRequest): PolicyDecision {
  if (policy.fullAccess) return { decision: 'allow', statements: ['(no policy: full access)'], reasons: [] };
  const applicable = policy.statements.filter((s) => actionMatches(s, req.action) && resourceMatches(s, req.resource));
  const certain = (s: Statement) => s.anyPrincipal && !s.hasCondition && !s.hasNotPrincipal;
  const denies = applicable.filter((s) => s.effect === 'Deny');
  const allows = applicable.filter((s) => s.effect === 'Allow');

  const hardDeny = denies.filter(certain);
  if (hardDeny.length > 0) return { decision: 'deny', statements: hardDeny.map((s) => s.label), reasons: [] };
  const hardAllow = allows.filter(certain);
  const softDeny = denies.filter((s) => !certain(s));
  if (hardAllow.length > 0 && softDeny.length === 0) return { decision: 'allow', statements: hardAllow.map((s) => s.label), reasons: [] };
  if (hardAllow.length > 0 || allows.length > 0) {
    const unsure = [...softDeny, ...(hardAllow.length > 0 ? [] : allows)];
    return { decision: 'uncertain', statements: unsure.map((s) => s.label), reasons: unsure.map(whyUncertain) };
  }
  return { decision: 'implicit-deny', statements: [], reasons: [] };
}

/** The Allow statements naming the action for some resource: "allowed, but only on these". */
export function allowsNamingAction(policy: ParsedPolicy & { ok: true }, action: string): Statement[] {
  return policy.statements.filter((s) => s.effect === 'Allow' && actionMatches(s, action));
}

function whyUncertain(s: Statement): string {
  const what = s.effect === 'Allow' ? 'allows' : 'denies';
  if (s.hasCondition) return `statement ${s.label} ${what} it under a Condition this tool cannot evaluate`;
  if (s.hasNotPrincipal) return `statement ${s.label} ${what} it with NotPrincipal, which this tool cannot evaluate`;
  return `statement ${s.label} ${what} it only for principal ${s.principalText}: whether that is the workload's role cannot be told from the network`;
}

function actionMatches(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.some((p) => wildcard(p, action, true));
  if (s.notActions) return !s.notActions.some((p) => wildcard(p, action, true));
  return false;
}

/** No Resource at all is read as every resource (endpoint policies usually say "*"). */
function resourceMatches(s: Statement, resource: string): boolean {
  if (s.resources) return s.resources.some((p) => wildcard(p, resource, false));
  if (s.notResources) return !s.notResources.some((p) => wildcard(p, resource, false));
  return true;
}

/** IAM matching: `*` any run of characters, `?` exactly one. */
export function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!isObject(principal)) return false;
  const aws = strings(principal.AWS);
  return !!aws && aws.includes('*');
}

function strings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
