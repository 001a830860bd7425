/** --lookback and --nat-price-per-gb: parsed before any call, junk refused with exit 2. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { natOptions } from '../../src/commands/nat-flags';
import { DiagnoseError } from '../../src/util/errors';

describe('natOptions', () => {
  it('absent flags stay absent (the collector and the check use their defaults)', () => {
    assert.deepEqual(natOptions({}), {});
  });

  it('parses both', () => {
    assert.deepEqual(natOptions({ lookback: '7d', 'nat-price-per-gb': '0.052' }), { lookbackSeconds: 7 * 86_400, natPricePerGb: 0.052 });
  });

  for (const flags of [{ lookback: 'yesterday' }, { 'nat-price-per-gb': '4.5 cents' }, { 'nat-price-per-gb': '-1' }]) {
    it(`refuses ${JSON.stringify(flags)}`, () => {
      assert.throws(() => natOptions(flags), (e: unknown) => e instanceof DiagnoseError && e.reason === 'bad-input' && e.exitCode === 2);
    });
  }
});
