import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineWarning } from '../../src/startup/node-engine';
import { engines } from '../../package.json';

describe('engineWarning (the Node version check oclif would do with semver)', () => {
  it('satisfied: equal, newer patch, minor or major', () => {
    for (const v of ['20.12.0', '20.12.5', '20.20.2', '22.1.0', 'v24.0.0']) assert.equal(engineWarning(v, '>=20.12'), null, v);
  });

  it('too old: an older minor, major or patch, in oclif\'s wording', () => {
    assert.equal(engineWarning('20.11.1', '>=20.12'), 'Node version must be >=20.12 to use this CLI. Current node version: 20.11.1');
    assert.match(engineWarning('18.19.0', '>=20.12') ?? '', /must be >=20\.12/);
    assert.match(engineWarning('20.12.0', '>=20.12.1') ?? '', /Current node version: 20\.12\.0/);
  });

  it('a range it cannot read by hand is left to oclif (undefined)', () => {
    for (const range of ['^20.12', '>=20.12 <23', '20.x', '', undefined]) assert.equal(engineWarning('20.20.2', range), undefined, String(range));
  });

  it("reads this package's own engines field", () => {
    assert.equal(engineWarning(process.versions.node, engines.node), null);
  });
});
