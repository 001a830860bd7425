/** The progress line: a terminal's stderr only, redrawn in place, cleared at the end. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressLine, progressText } from '../../src/scan/progress';

const stream = (isTTY: boolean, columns = 80) => {
  const written: string[] = [];
  return { isTTY, columns, write: (s: string) => written.push(s), written };
};

describe('progress line', () => {
  it('says where the scan is', () => {
    assert.equal(progressText({ phase: 'listing', regions: 1 }), 'listing VPCs (1 region)…');
    assert.equal(progressText({ phase: 'scanning', done: 12, total: 50, regions: 3 }), '[#####---------------] scanning 12/50 VPCs (3 regions)…');
    assert.equal(progressText({ phase: 'scanning', done: 0, total: 0, regions: 2 }), '[####################] scanning 0/0 VPCs (2 regions)…');
  });

  it('redraws one line in place and erases it at the end', () => {
    const s = stream(true);
    const line = progressLine(s, true);
    line.update({ phase: 'scanning', done: 1, total: 2, regions: 1 });
    line.update({ phase: 'scanning', done: 2, total: 2, regions: 1 });
    line.clear();
    assert.ok(s.written.every((w) => w.startsWith('\r\u001b[2K')));
    assert.ok(!s.written.join('').includes('\n'), 'never a new line');
    assert.equal(s.written.at(-1), '\r\u001b[2K');
  });

  it('fits the terminal width', () => {
    const s = stream(true, 30);
    progressLine(s, true).update({ phase: 'scanning', done: 1, total: 2, regions: 1 });
    assert.ok(s.written[0].length - '\r\u001b[2K'.length <= 29);
  });

  it('writes nothing when not a terminal, or when disabled (JSON on stdout)', () => {
    for (const [tty, enabled] of [[false, true], [true, false]] as const) {
      const s = stream(tty);
      const line = progressLine(s, enabled);
      line.update({ phase: 'listing', regions: 2 });
      line.clear();
      assert.deepEqual(s.written, []);
    }
  });
});
