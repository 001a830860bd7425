import { runChecks, type Selection } from '../../src/engine/run';
import type { Check, CheckOptions, CheckResult } from '../../src/checks/types';
import type { Inventory } from '../../src/inventory/types';
import { defaultOptions } from './inventory-builder';

/** Runs one check through the real engine (so gaps and selection behave as in production). */
export function run(check: Check, inv: Inventory, opts: Partial<CheckOptions> = {}, selection?: Selection): CheckResult {
  return runChecks([check], inv, defaultOptions(opts), selection)[0];
}
