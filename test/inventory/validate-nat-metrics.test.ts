/** Snapshots carry natMetrics: a usable one replays, a corrupt one is refused naming the path. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSnapshot } from '../../src/inventory/snapshot-file';
import { validateInventory } from '../../src/inventory/validate';
import { DiagnoseError } from '../../src/util/errors';
import { anInventory } from '../helpers/inventory-builder';
import { GB, natMetrics, seriesOf } from '../helpers/nat-series';

const withMetrics = () =>
  anInventory()
    .edit((i) => (i.natMetrics = natMetrics(4, [seriesOf('nat-main', [1, 2, null, 3 * GB])])))
    .build();

describe('natMetrics in a snapshot', () => {
  it('a collected one is valid and survives the round trip', () => {
    const inv = withMetrics();
    assert.deepEqual(validateInventory(inv), []);
    assert.deepEqual(parseSnapshot(JSON.stringify(inv), 's.json').natMetrics, inv.natMetrics);
  });

  const corrupt: [string, (m: Record<string, unknown>) => void, RegExp][] = [
    ['series not a list', (m) => (m.series = {}), /natMetrics\.series must be array/],
    ['a value that is not a number', (m) => ((m.series as { values: unknown[] }[])[0].values[0] = '1'), /natMetrics\.series\[0\]\.values must be number\[\]/],
    ['timestamps missing', (m) => delete (m.series as Record<string, unknown>[])[0].timestamps, /natMetrics\.series\[0\]\.timestamps is missing/],
    ['no period', (m) => delete m.periodSeconds, /natMetrics\.periodSeconds is missing/],
  ];
  for (const [what, spoil, message] of corrupt) {
    it(`refuses ${what}`, () => {
      const inv = withMetrics() as unknown as { natMetrics: Record<string, unknown> };
      spoil(inv.natMetrics);
      assert.match(validateInventory(inv).join('; '), message);
      assert.throws(() => parseSnapshot(JSON.stringify(inv), 's.json'), (e: unknown) => e instanceof DiagnoseError && message.test(e.message));
    });
  }
});
