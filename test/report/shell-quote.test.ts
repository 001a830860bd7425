import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { shellComment, shellQuote } from '../../src/report/shell-quote';

/** What `sh` makes of a quoted word: printf prints the single argument it received. */
function throughSh(word: string): string {
  const res = spawnSync('sh', ['-c', `printf '%s' ${word}`], { encoding: 'utf8', cwd: '/', env: { PATH: '/usr/bin:/bin' } });
  assert.equal(res.status, 0, res.stderr);
  return res.stdout;
}

describe('shellQuote', () => {
  it('single-quotes plain values', () => {
    assert.equal(shellQuote('vpc-0abc'), "'vpc-0abc'");
    assert.equal(shellQuote(''), "''");
  });

  it("writes a quote as '\\''", () => {
    assert.equal(shellQuote("it's"), "'it'\\''s'");
  });

  for (const value of ["a'b", "''", '$(rm -rf ~)', '`id`', '${HOME}', '$HOME', 'a b\tc', '*', '; ls', '\\', '"x"', '!x', 'añ 日本 🚀']) {
    it(`sh reads ${JSON.stringify(value)} back literally, as one word`, () => {
      assert.equal(throughSh(shellQuote(value)), value.replace(/\t/g, ' '));
    });
  }

  it('drops terminal escapes and turns newlines into spaces before quoting', () => {
    const q = shellQuote('a\u001b[2Jb\u001b]0;t\u0007c\nd\re');
    assert.equal(q, "'abc d e'");
    assert.equal(throughSh(q), 'abc d e');
  });
});

describe('shellComment', () => {
  it('keeps a comment on one line whatever the text holds', () => {
    assert.equal(shellComment('fix\nrm -rf ~'), '# fix rm -rf ~');
    assert.equal(shellComment('\u001b[31m'), '#');
  });
});
