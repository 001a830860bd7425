import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shouldColor } from '../../src/report/color';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('shouldColor', () => {
  it('colours a TTY and not a pipe or a stream without isTTY', () => {
    assert.equal(shouldColor(tty, {}), true);
    assert.equal(shouldColor(pipe, {}), false);
    assert.equal(shouldColor({}, {}), false);
  });

  it('NO_COLOR with any non-empty value turns it off, even on a TTY and over FORCE_COLOR', () => {
    assert.equal(shouldColor(tty, { NO_COLOR: '1' }), false);
    assert.equal(shouldColor(tty, { NO_COLOR: '0' }), false);
    assert.equal(shouldColor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
  });

  it('an empty NO_COLOR is ignored', () => {
    assert.equal(shouldColor(tty, { NO_COLOR: '' }), true);
  });

  it('FORCE_COLOR non-zero colours a pipe; 0 or false turns a TTY off', () => {
    assert.equal(shouldColor(pipe, { FORCE_COLOR: '1' }), true);
    assert.equal(shouldColor(pipe, { FORCE_COLOR: '3' }), true);
    assert.equal(shouldColor(pipe, { FORCE_COLOR: '' }), true);
    assert.equal(shouldColor(tty, { FORCE_COLOR: '0' }), false);
    assert.equal(shouldColor(tty, { FORCE_COLOR: 'false' }), false);
  });

  it('TERM=dumb turns it off unless forced', () => {
    assert.equal(shouldColor(tty, { TERM: 'dumb' }), false);
    assert.equal(shouldColor(tty, { TERM: 'dumb', FORCE_COLOR: '1' }), true);
  });
});
