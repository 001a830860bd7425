import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapBounded } from '../../src/scan/pool';

describe('mapBounded', () => {
  it('keeps the input order, runs at most `limit` at once', async () => {
    let inFlight = 0;
    let max = 0;
    const out = await mapBounded([30, 5, 20, 1, 10, 2], 2, async (ms, i) => {
      max = Math.max(max, ++inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return i;
    });
    assert.deepEqual(out, [0, 1, 2, 3, 4, 5]);
    assert.equal(max, 2);
  });

  it('an empty list, a limit above the length', async () => {
    assert.deepEqual(await mapBounded([], 4, async () => 1), []);
    assert.deepEqual(await mapBounded([1, 2], 10, async (x) => x * 2), [2, 4]);
  });
});
