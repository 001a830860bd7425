/** The spike rule on synthetic series: flag pull-sized bursts, never steady traffic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findSpikes, median, SPIKE_FLOOR_BYTES } from '../../src/inventory/nat-spikes';
import { GB, MiB, seriesOf, steady, withBursts } from '../helpers/nat-series';

const DAY = 288; // 5-minute periods in 24 h
const spikesOf = (values: (number | null)[], periods = values.length) => findSpikes(seriesOf('nat-1', values), periods);

describe('findSpikes', () => {
  it('steady small traffic: no spike (under the floor, whatever the ratio)', () => {
    const values = steady(DAY, 2 * MiB).map((v, i) => (i % 7 === 0 ? v * 20 : v)); // 40 MiB blips: 20× but small
    const a = spikesOf(values);
    assert.deepEqual(a.spikes, []);
    assert.equal(a.medianBytes, 2 * MiB);
  });

  it('a pull-sized burst on a quiet NAT: one spike with its time, bytes and ratio', () => {
    const a = spikesOf(withBursts(steady(DAY, 5 * MiB), { 100: 3 * GB }));
    assert.equal(a.spikes.length, 1);
    const [s] = a.spikes;
    assert.equal(s.bytes, 3 * GB);
    assert.equal(s.at, seriesOf('nat-1', steady(DAY, 0)).timestamps[100]);
    assert.equal(s.ratio, (3 * GB) / (5 * MiB));
    assert.equal(a.totalBytes, 287 * 5 * MiB + 3 * GB);
  });

  it('every deployment: three bursts, each reported', () => {
    const a = spikesOf(withBursts(steady(DAY, 1 * MiB), { 10: 800 * MiB, 110: 900 * MiB, 210: 1.2 * GB }));
    assert.deepEqual(a.spikes.map((s) => s.bytes), [800 * MiB, 900 * MiB, 1.2 * GB]);
  });

  it('steady heavy traffic (constant 2 GB per period): no spike, the volume is in the totals', () => {
    const a = spikesOf(steady(DAY, 2 * GB));
    assert.deepEqual(a.spikes, []);
    assert.equal(a.medianBytes, 2 * GB);
    assert.equal(a.totalBytes, DAY * 2 * GB);
  });

  it('heavy traffic with a burst 5× above it: a spike; 4× above it: none', () => {
    assert.equal(spikesOf(withBursts(steady(DAY, 200 * MiB), { 50: 1000 * MiB })).spikes.length, 1);
    assert.equal(spikesOf(withBursts(steady(DAY, 200 * MiB), { 50: 800 * MiB })).spikes.length, 0);
  });

  it('all zero: no spike, median 0', () => {
    const a = spikesOf(steady(DAY, 0));
    assert.deepEqual(a, { medianBytes: 0, totalBytes: 0, points: DAY, spikes: [] });
  });

  it('no data point at all: nothing to report', () => {
    assert.deepEqual(spikesOf(new Array(DAY).fill(null)), { medianBytes: 0, totalBytes: 0, points: 0, spikes: [] });
  });

  it('one data point in the window: above the floor it stands out against the missing (0) periods', () => {
    const values: (number | null)[] = new Array(DAY).fill(null);
    values[40] = 2 * GB;
    const a = spikesOf(values);
    assert.equal(a.medianBytes, 0);
    assert.deepEqual(a.spikes.map((s) => [s.bytes, s.ratio]), [[2 * GB, null]]);
    values[40] = 50 * MiB;
    assert.deepEqual(spikesOf(values).spikes, [], 'under the floor');
  });

  it('a window of one period has no baseline: never a spike', () => {
    assert.deepEqual(spikesOf([5 * GB]).spikes, []);
  });

  it('missing periods count as 0 for the median (sparse reporting does not hide a burst)', () => {
    // Data only every 4th period, steady 300 MiB: median over the window is 0.
    const sparse = steady(DAY, 300 * MiB).map((v, i) => (i % 4 === 0 ? v : null));
    const a = spikesOf(sparse);
    assert.equal(a.points, DAY / 4);
    assert.equal(a.medianBytes, 0);
    assert.equal(a.spikes.length, DAY / 4, 'each 300 MiB period stands out against a window that is mostly empty');
    // The same traffic reported in every period is steady: nothing.
    assert.equal(spikesOf(sparse.map((v) => v ?? 300 * MiB)).spikes.length, 0);
  });

  it('the floor is inclusive and fixed (100 MiB) whatever the multiple', () => {
    assert.equal(spikesOf(withBursts(steady(DAY, 0), { 3: SPIKE_FLOOR_BYTES })).spikes.length, 1);
    assert.equal(spikesOf(withBursts(steady(DAY, 0), { 3: SPIKE_FLOOR_BYTES - 1 })).spikes.length, 0);
  });

  it('ignores garbage values (negative, NaN) rather than counting them', () => {
    const a = findSpikes({ timestamps: ['a', 'b', 'c'], values: [-5, Number.NaN, 4] }, 3);
    assert.equal(a.points, 1);
    assert.equal(a.totalBytes, 4);
  });

  it('a custom rule is honoured', () => {
    const a = findSpikes(seriesOf('nat-1', [1, 1, 1, 10]), 4, { floorBytes: 5, medianMultiple: 3 });
    assert.equal(a.spikes.length, 1);
  });
});

describe('median', () => {
  it('odd, even and empty', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), 0);
  });
});
