/** --lookback and the CloudWatch period that fits it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSeconds, metricWindow, parseLookback, periodFor, MAX_POINTS_PER_SERIES } from '../../src/inventory/nat-window';
import { DiagnoseError } from '../../src/util/errors';

const H = 3600;
const D = 86_400;

describe('parseLookback', () => {
  it('accepts a whole number and one unit m, h, d or w', () => {
    assert.equal(parseLookback('90m'), 90 * 60);
    assert.equal(parseLookback('3h'), 3 * H);
    assert.equal(parseLookback('24h'), D);
    assert.equal(parseLookback('7d'), 7 * D);
    assert.equal(parseLookback('2w'), 14 * D);
    assert.equal(parseLookback(' 12H '), 12 * H);
  });

  for (const junk of ['', '24', 'h', '1.5h', '-3h', '3 hours', '3h30m', '1y', '24h; rm -rf /', '0x10h']) {
    it(`refuses ${JSON.stringify(junk)} with a DiagnoseError naming the flag`, () => {
      assert.throws(() => parseLookback(junk), (e: unknown) => e instanceof DiagnoseError && e.reason === 'bad-input' && /--lookback/.test(e.message));
    });
  }

  it('refuses windows CloudWatch cannot serve or too short to judge', () => {
    assert.throws(() => parseLookback('5m'), /out of range/);
    assert.throws(() => parseLookback('456d'), /out of range/);
    assert.equal(parseLookback('455d'), 455 * D);
    assert.equal(parseLookback('10m'), 600);
  });
});

describe('periodFor', () => {
  it('picks the shortest period that keeps a series within the point budget and the retention rules', () => {
    const table: [number, number][] = [
      [600, 60],
      [3 * H, 60],
      [5 * H, 60], // 300 points
      [6 * H, 300],
      [D, 300], // 288 points
      [3 * D, 900],
      [7 * D, 3600], // 168 points
      [14 * D, 7200],
      [30 * D, 10_800],
      [90 * D, 43_200],
      [455 * D, 2 * D],
    ];
    for (const [lookback, period] of table) assert.equal(periodFor(lookback), period, formatSeconds(lookback));
  });

  it('never exceeds the budget, and respects 300 s past 15 days and 3600 s past 63 days', () => {
    for (let lookback = 600; lookback <= 455 * D; lookback += 7 * H + 600) {
      const p = periodFor(lookback);
      assert.ok(Math.ceil(lookback / p) <= MAX_POINTS_PER_SERIES, `${lookback}: ${p}`);
      assert.equal(p % 60, 0);
      if (lookback + H > 15 * D) assert.equal(p % 300, 0, `${lookback}: ${p}`);
      if (lookback + H > 63 * D) assert.equal(p % 3600, 0, `${lookback}: ${p}`);
    }
  });
});

describe('metricWindow', () => {
  it('ends at the last period boundary before now and spans whole periods', () => {
    const now = Date.parse('2026-11-24T19:12:16.500Z');
    assert.deepEqual(metricWindow(now, D), { start: '2026-11-23T19:10:00.000Z', end: '2026-11-24T19:10:00.000Z', periodSeconds: 300, periods: 288 });
    assert.deepEqual(metricWindow(now, 90 * 60), { start: '2026-11-24T17:42:00.000Z', end: '2026-11-24T19:12:00.000Z', periodSeconds: 60, periods: 90 });
  });

  it('rounds a lookback that is not a whole number of periods up (the window starts a little earlier)', () => {
    const w = metricWindow(Date.parse('2026-11-24T19:00:00Z'), 7 * H); // 7 h at 300 s = 84 periods exactly
    assert.equal(w.periods, 84);
    const odd = metricWindow(Date.parse('2026-11-24T19:00:00Z'), 7 * H + 60);
    assert.equal(odd.periods, 85);
  });

  it('refuses an out-of-range lookback (a programming error: the flag is parsed first)', () => {
    assert.throws(() => metricWindow(Date.now(), 10), RangeError);
  });
});

describe('formatSeconds', () => {
  it('the shortest exact form', () => {
    assert.deepEqual([300, 3600, D, 2 * D, 90 * 60, 45].map(formatSeconds), ['5m', '1h', '24h', '2d', '90m', '45s']);
  });
});
