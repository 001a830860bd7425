/** The report's natTraffic section: JSON (strict schema) and the sparkline in the human report. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CHECKS } from '../../src/checks/index';
import { runChecks } from '../../src/engine/run';
import type { Inventory } from '../../src/inventory/types';
import { renderHuman } from '../../src/report/human';
import { renderJson } from '../../src/report/json';
import { buildReport } from '../../src/report/model';
import { natTrafficLines, sparkCells } from '../../src/report/nat-sparkline';
import { Chalk } from 'chalk';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';
import { GB, MiB, natMetrics, seriesOf, steady, withBursts } from '../helpers/nat-series';

const schema = JSON.parse(readFileSync(resolve(__dirname, '../../schemas/report.v1.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const DAY = 288;
const leaking = (): Inventory =>
  anInventory()
    .classicS3Leak()
    .edit((i) => {
      i.natMetrics = natMetrics(DAY, [
        seriesOf('nat-main', withBursts(steady(DAY, 5 * MiB), { 100: 2 * GB, 250: 3.2 * GB })),
        seriesOf('nat-main', withBursts(steady(DAY, 5 * MiB), { 100: 2 * GB, 250: 3.2 * GB }), 300, 'BytesInFromDestination'),
      ]);
    })
    .build();

function reportOf(inv: Inventory, opts = defaultOptions()) {
  return buildReport({ results: runChecks(CHECKS, inv, opts), inventory: inv, options: opts, toolVersion: '0.1.0', source: 'snapshot' });
}

describe('natTraffic in --json', () => {
  it('carries the raw series, the spikes, the rule, the price and the cost; the schema accepts it', () => {
    const json = JSON.parse(renderJson(reportOf(leaking())));
    assert.ok(validate(json as object), ajv.errorsText(validate.errors));
    const t = json.natTraffic;
    assert.equal(t.periodSeconds, 300);
    assert.deepEqual(t.rule, { floorBytes: 104_857_600, medianMultiple: 5 });
    assert.deepEqual(t.price, { usdPerGb: 0.045, source: 'table', region: 'us-east-1', tableDate: '2026-11' });
    const [nat] = t.nats;
    assert.equal(nat.natGatewayId, 'nat-main');
    assert.deepEqual(nat.workloadSubnets, ['subnet-app-a', 'subnet-app-b']);
    assert.deepEqual(nat.ecrFlows.map((f: { subnetId: string; flow: string }) => `${f.subnetId}:${f.flow}`), ['subnet-app-a:layers', 'subnet-app-b:layers']);
    assert.deepEqual(nat.spikes.map((s: { bytes: number }) => s.bytes), [2 * GB, 3.2 * GB]);
    assert.equal(nat.series[0].metric, 'BytesOutToSource');
    assert.equal(nat.series[0].values.length, DAY);
    assert.equal(nat.estimatedCostUsd.window, Math.round(((286 * 5 * MiB + 5.2 * GB) / 1e9) * 0.045 * 1e4) / 1e4);
  });

  it('the schema refuses a stray field in natTraffic (strict)', () => {
    const json = JSON.parse(renderJson(reportOf(leaking())));
    json.natTraffic.nats[0].extra = 1;
    assert.equal(validate(json), false);
  });

  it('absent without metrics (older snapshot) and with a gap', () => {
    assert.equal('natTraffic' in JSON.parse(renderJson(reportOf(anInventory().build()))), false);
    const gap = anInventory().withGap('natMetrics', 'cloudwatch:GetMetricData', 'AccessDenied').build();
    const json = JSON.parse(renderJson(reportOf(gap)));
    assert.equal('natTraffic' in json, false);
    assert.ok(validate(json), ajv.errorsText(validate.errors));
  });
});

describe('the sparkline', () => {
  const window = { start: '2026-11-24T11:00:00.000Z', end: '2026-11-24T12:00:00.000Z', periodSeconds: 300 };
  const ts = (i: number) => new Date(Date.parse(window.start) + i * 300_000).toISOString();

  it('one column per period when it fits; blank where no point; the spike marked', () => {
    const spark = sparkCells(
      { timestamps: [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11].map(ts), values: [0, 1, 1, 8, 1, 1, 1, 1, 1, 1, 4] },
      [ts(4)],
      window,
      80,
    );
    assert.equal(spark.periodsPerColumn, 1);
    assert.deepEqual(spark.cells.map((c) => c.level), [0, 0, 0, null, 7, 0, 0, 0, 0, 0, 0, 3]);
    assert.deepEqual(spark.cells.map((c) => c.spike), [false, false, false, false, true, false, false, false, false, false, false, false]);
    assert.equal(spark.peak, 8);
  });

  it('folds a long series into the width, keeping the busiest period of each column and the spike', () => {
    const day = { start: '2026-11-23T12:00:00.000Z', end: '2026-11-24T12:00:00.000Z', periodSeconds: 300 };
    const s = seriesOf('nat', withBursts(steady(DAY, 1), { 250: 100 }));
    const shifted = { timestamps: s.timestamps, values: s.values };
    const spark = sparkCells(shifted, [s.timestamps[250]], day, 72);
    assert.equal(spark.periodsPerColumn, 4);
    assert.equal(spark.cells.length, 72);
    assert.deepEqual(spark.cells.flatMap((c, i) => (c.spike ? [i] : [])), [62]);
    assert.equal(spark.cells[62].level, 7);
  });

  it('renders a caption, the bars and a caret line under the spikes (plain when colour is off)', () => {
    const report = reportOf(leaking());
    const lines = natTrafficLines(report.natTraffic!, { c: new Chalk({ level: 0 }), width: 80 });
    assert.deepEqual(lines.slice(0, 2), [
      '      nat-main (main) · BytesOutToSource · 11-23 12:00 → 11-24 12:00 UTC',
      '      1 column = 20m · peak 3.20 GB · ^ 2 spikes',
    ]);
    assert.match(lines[2], /^ {6}[▁▂▃▄▅▆▇█]{72}$/);
    const marks = lines[3].slice(6);
    assert.deepEqual([...marks.matchAll(/\^/g)].map((m) => m.index), [25, 62]);
    assert.equal(lines[3].trimEnd(), lines[3], 'no trailing blanks');
    assert.equal(lines.length, 4);
  });

  it('is in the human report right under the nat-image-traffic line, spikes in red when coloured', () => {
    const report = reportOf(leaking());
    const plain = renderHuman(report, { color: false, width: 100 }).split('\n');
    const at = plain.findIndex((l) => /✗ nat-image-traffic/.test(l));
    assert.ok(at > 0, plain.join('\n'));
    const after = plain.slice(at).findIndex((l) => /· BytesOutToSource ·/.test(l));
    assert.ok(after > 0 && after < 25, 'the picture follows the check (and its evidence)');
    assert.ok(plain.every((l) => l.length <= 100 || !/BytesOutToSource ·/.test(l)), 'the caption wraps at the width');
    const coloured = renderHuman(report, { color: true, width: 100 });
    assert.match(coloured, /\u001b\[31m█\u001b\[39m/);
  });

  it('no picture when the check skips (no NAT on the routes) or no point was recorded', () => {
    const quiet = anInventory()
      .edit((i) => (i.natMetrics = natMetrics(DAY, [seriesOf('nat-main', new Array(DAY).fill(null))])))
      .build();
    assert.doesNotMatch(renderHuman(reportOf(quiet), { color: false }), /BytesOutToSource ·/);
  });
});
