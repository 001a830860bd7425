/**
 * Validates a parsed config file. Pure: the caller passes the known check ids and stages (the
 * registry), so a typo in a check id is an error instead of a suppression that never applies.
 * The first problem is thrown as a DiagnoseError (exit 2) naming the file and the field.
 */
import { PLATFORMS, type Platform } from '../checks/types';
import { FORMATS, isFormat } from '../report/formats';
import { DiagnoseError } from '../util/errors';
import { assertId, assertRegion } from '../util/ids';
import type { Config, SuppressionRule } from './types';

export interface ConfigContext {
  /** For messages: ".ecr-vpce.json" or "package.json#ecr-vpce". */
  source: string;
  checkIds: readonly string[];
  stages: readonly string[];
}

const KEYS = ['$schema', 'vpc', 'region', 'platform', 'subnets', 'securityGroups', 'only', 'skip', 'strict', 'format', 'suppress'];
const RULE_KEYS = ['check', 'resource', 'reason', 'expires'];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A resource id as AWS writes them (subnet-0abc…, rtb-…, vpce-…): no spaces, no controls.
const RESOURCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,255}$/;

export function validateConfig(data: unknown, ctx: ConfigContext): Config {
  const bad = (field: string, why: string): never => {
    throw new DiagnoseError(`${ctx.source}: ${field} ${why}`, 'bad-config');
  };
  if (!isObject(data)) return bad('(top level)', 'must be a JSON object');
  for (const key of Object.keys(data)) if (!KEYS.includes(key)) bad(quoteKey(key), `is not a known setting (known: ${KEYS.slice(1).join(', ')})`);

  const strings = (field: string): string[] | undefined => {
    const v = data[field];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) return bad(field, 'must be an array of strings');
    v.forEach((x, i) => (typeof x !== 'string' || x.length === 0) && bad(`${field}[${i}]`, 'must be a non-empty string'));
    return v as string[];
  };
  const ids = (field: string, kind: 'subnet' | 'sg') =>
    strings(field)?.map((v, i) => relabel(() => assertId(kind, v, `${ctx.source}: ${field}[${i}]`)));
  const selectors = (field: string) =>
    strings(field)?.map((v, i) =>
      ctx.checkIds.includes(v) || ctx.stages.includes(v) ? v : bad(`${field}[${i}]`, `${JSON.stringify(v)} is not a check id or a stage`),
    );

  const config: Config = { source: ctx.source, suppress: [] };
  if (data.vpc !== undefined) config.vpc = relabel(() => assertId('vpc', String(data.vpc), `${ctx.source}: vpc`));
  if (data.region !== undefined) config.region = typeof data.region === 'string' ? relabel(() => assertRegion(data.region as string), `${ctx.source}: region`) : bad('region', 'must be a string');
  if (data.platform !== undefined) {
    if (!(PLATFORMS as readonly unknown[]).includes(data.platform)) bad('platform', `must be one of ${PLATFORMS.join(', ')}`);
    config.platform = data.platform as Platform;
  }
  if (data.strict !== undefined) config.strict = typeof data.strict === 'boolean' ? data.strict : bad('strict', 'must be true or false');
  if (data.format !== undefined) config.format = isFormat(data.format) ? data.format : bad('format', `must be one of ${FORMATS.join(', ')}`);
  const subnets = ids('subnets', 'subnet');
  if (subnets) config.subnets = subnets;
  const groups = ids('securityGroups', 'sg');
  if (groups) config.securityGroups = groups;
  const only = selectors('only');
  if (only) config.only = only;
  const skip = selectors('skip');
  if (skip) config.skip = skip;

  if (data.suppress !== undefined) {
    if (!Array.isArray(data.suppress)) bad('suppress', 'must be an array of { check, resource?, reason, expires? }');
    config.suppress = (data.suppress as unknown[]).map((rule, i) => suppressionRule(rule, `suppress[${i}]`, ctx, bad));
  }
  return config;
}

function suppressionRule(rule: unknown, at: string, ctx: ConfigContext, bad: (field: string, why: string) => never): SuppressionRule {
  if (!isObject(rule)) return bad(at, 'must be an object { check, resource?, reason, expires? }');
  for (const key of Object.keys(rule)) if (!RULE_KEYS.includes(key)) bad(`${at}.${quoteKey(key)}`, `is not a known field (known: ${RULE_KEYS.join(', ')})`);
  const { check, resource, reason, expires } = rule;
  if (typeof check !== 'string' || !ctx.checkIds.includes(check)) {
    return bad(`${at}.check`, typeof check === 'string' ? `${JSON.stringify(check)} is not a check id` : 'is required (a check id)');
  }
  if (typeof reason !== 'string' || reason.trim().length === 0) return bad(`${at}.reason`, 'is required: say why the finding is accepted');
  const out: SuppressionRule = { check, reason: reason.trim() };
  if (resource !== undefined) {
    if (typeof resource !== 'string' || !RESOURCE.test(resource)) return bad(`${at}.resource`, 'must be a resource id such as subnet-0123456789abcdef0');
    out.resource = resource;
  }
  if (expires !== undefined) {
    if (typeof expires !== 'string' || !isCalendarDate(expires)) return bad(`${at}.expires`, 'must be a date YYYY-MM-DD');
    out.expires = expires;
  }
  return out;
}

function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Re-labels a DiagnoseError from the id helpers as a config problem (same message). */
function relabel<T>(fn: () => T, prefix?: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DiagnoseError) {
      const message = prefix ? `${prefix}: ${err.message.replace(/^--region /, '')}` : err.message;
      throw new DiagnoseError(message, 'bad-config');
    }
    throw err;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys come from the user's file: quoted and cut so a message cannot be flooded. */
function quoteKey(key: string): string {
  return JSON.stringify(key.slice(0, 64));
}
