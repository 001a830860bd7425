/** The NAT processing price and the money figures. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePrice, estimateCost, formatBytes, formatUsd, natPrice, NAT_USD_PER_GB, parsePricePerGb } from '../../src/inventory/nat-price';

describe('natPrice', () => {
  it('the region row, the flag, or us-east-1 with the assumption said', () => {
    assert.deepEqual(natPrice('us-east-1'), { usdPerGb: 0.045, source: 'table', region: 'us-east-1' });
    assert.deepEqual(natPrice('eu-central-1', 0.06), { usdPerGb: 0.06, source: 'flag', region: 'eu-central-1' });
    assert.deepEqual(natPrice('cn-north-1'), { usdPerGb: 0.045, source: 'fallback', region: 'cn-north-1' });
    assert.match(describePrice(natPrice('cn-north-1')), /not in the table.*--nat-price-per-gb/);
    assert.match(describePrice(natPrice('us-east-1')), /\$0\.045\/GB \(us-east-1 list price, table of \d{4}-\d{2}\)/);
  });

  it('a dozen common regions, all plausible per-GB prices', () => {
    assert.ok(Object.keys(NAT_USD_PER_GB).length >= 12);
    for (const [region, price] of Object.entries(NAT_USD_PER_GB)) assert.ok(price > 0.04 && price < 0.1, region);
  });
});

describe('estimateCost', () => {
  it('GB = 10^9 bytes; a 30-day month at the window rate', () => {
    const c = estimateCost(10e9, 86_400, natPrice('us-east-1'));
    assert.ok(Math.abs(c.window - 0.45) < 1e-9);
    assert.ok(Math.abs(c.perMonth - 13.5) < 1e-9);
  });
});

describe('parsePricePerGb', () => {
  it('plain non-negative decimals only', () => {
    assert.equal(parsePricePerGb('0.045'), 0.045);
    assert.equal(parsePricePerGb('1'), 1);
    for (const junk of ['', 'abc', '-0.1', '1e3', '0x10', '$0.045', '0.045/GB', 'NaN', 'Infinity']) assert.equal(parsePricePerGb(junk), undefined, junk);
  });
});

describe('formatting', () => {
  it('decimal byte units and dollars', () => {
    assert.deepEqual([0, 999, 1500, 2_500_000, 3.2e9, 123.4e9, 5e12].map(formatBytes), ['0 B', '999 B', '1.50 kB', '2.50 MB', '3.20 GB', '123 GB', '5.00 TB']);
    assert.deepEqual([0, 0.001, 0.43, 13.5, 1234.4].map(formatUsd), ['$0.00', '< $0.01', '$0.43', '$13.50', '$1,234']);
  });
});
