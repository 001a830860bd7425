/**
 * `snapshot --redact`: a copy of the inventory safe to share with support. Account ids (any
 * 12-digit number standing alone, in ids, ARNs, image URIs or policies) and tag values are
 * replaced by stable stand-ins, so relationships survive (the same account stays the same
 * stand-in) and the replayed diagnosis is unchanged. Resource ids are kept: they carry no secret
 * and the evidence needs them.
 */
import type { Inventory } from './types';

// Alphanumeric boundaries: a digit run inside a resource id (sg-012345678901abcde) is not an account.
const ACCOUNT_ID = /(?<![0-9A-Za-z])[0-9]{12}(?![0-9A-Za-z])/g;

export function redactInventory(inv: Inventory): Inventory {
  const accounts = new Map<string, string>();
  const tagValues = new Map<string, string>();
  const account = (id: string) => {
    if (!accounts.has(id)) accounts.set(id, String(accounts.size + 1).padStart(12, '0'));
    return accounts.get(id) as string;
  };
  const tag = (value: string) => {
    if (!tagValues.has(value)) tagValues.set(value, `redacted-${tagValues.size + 1}`);
    return tagValues.get(value) as string;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return value.replace(ACCOUNT_ID, account);
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (key === 'tags') return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? tag(v) : v]));
      return Object.fromEntries(entries.map(([k, v]) => [k, k === 'collectedAt' ? v : walk(v, k)]));
    }
    return value;
  };
  return walk(inv) as Inventory;
}
