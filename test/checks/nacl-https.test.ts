import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { naclHttps } from '../../src/checks/nacl-https';
import type { NetworkAclEntry } from '../../src/inventory/types';
import { anInventory } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

type Dir = 'in' | 'out';
const entry = (dir: Dir, ruleNumber: number, action: 'allow' | 'deny', cidrBlock: string, ports?: [number, number]): NetworkAclEntry => ({
  ruleNumber,
  egress: dir === 'out',
  protocol: ports ? '6' : '-1',
  action,
  cidrBlock,
  portFrom: ports?.[0],
  portTo: ports?.[1],
});
const defaults = [entry('out', 32767, 'deny', '0.0.0.0/0'), entry('in', 32767, 'deny', '0.0.0.0/0')];
/** The app subnets (workload and endpoint ENIs) on their own ACL with these entries. */
const appAcl = (...entries: NetworkAclEntry[]) =>
  anInventory().withNetworkAcl({ id: 'acl-app', isDefault: false, subnetIds: ['subnet-app-a', 'subnet-app-b'], entries: [...entries, ...defaults], tags: { Name: 'app' } });

const HARDENED = [
  entry('out', 100, 'allow', '0.0.0.0/0', [443, 443]),
  entry('out', 110, 'allow', '10.0.0.0/16', [1024, 65535]),
  entry('in', 100, 'allow', '10.0.0.0/16', [443, 443]),
  entry('in', 110, 'allow', '0.0.0.0/0', [1024, 65535]),
];

describe('nacl-https', () => {
  it('passes with the default allow-all ACL', () => {
    const r = run(naclHttps, anInventory().build());
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.resources, ['acl-default']);
  });

  it('passes with a hardened ACL: 443 out, 443 in from the VPC, ephemeral replies both ways', () => {
    assert.equal(run(naclHttps, appAcl(...HARDENED).build()).status, 'pass');
  });

  it('fails when inbound ephemeral replies are missing, naming the ACL and the default rule', () => {
    const r = run(naclHttps, appAcl(HARDENED[0], HARDENED[1], HARDENED[2]).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /acl-app rule \* \(the default deny\) denies inbound TCP 32768-60999 \(the replies\) from/);
    const ev = r.evidence.find((e) => e.field === 'Entries (inbound)' && e.expected.includes('32768-60999'));
    assert.ok(ev, JSON.stringify(r.evidence, null, 2));
    assert.equal(ev.resource, 'acl-app');
    assert.match(ev.note ?? '', /rule \*/);
    const fix = r.remediation.find((x) => x.id === 'nacl:acl-app:inbound:32768-60999');
    assert.ok(fix);
    assert.match(fix.action.kind === 'manual' ? fix.action.detail : '', /create-network-acl-entry --network-acl-id acl-app --ingress --rule-number 32766 --protocol tcp --port-range From=32768,To=60999/);
  });

  it('fails naming an explicit deny that comes before the allow', () => {
    const r = run(naclHttps, appAcl(entry('out', 90, 'deny', '10.0.11.0/24', [443, 443]), ...HARDENED).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /acl-app rule 90 \(deny tcp 443 to 10\.0\.11\.0\/24\) denies outbound TCP 443 to 10\.0\.11\.0\/24/);
    assert.match(r.remediation[0].title, /numbered before rule 90/);
    const detail = r.remediation[0].action.kind === 'manual' ? r.remediation[0].action.detail : '';
    assert.match(detail, /--rule-number 89 /);
  });

  it('checks the endpoint side too: the endpoint subnet must admit 443 from the workload', () => {
    const inv = anInventory()
      .withNetworkAcl({ id: 'acl-vpce', isDefault: false, subnetIds: ['subnet-app-b'], entries: [entry('out', 100, 'allow', '0.0.0.0/0'), entry('in', 100, 'allow', '10.0.11.0/24'), ...defaults], tags: {} })
      .build();
    const r = run(naclHttps, inv, { subnetIds: ['subnet-app-a'] });
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /acl-vpce rule \* \(the default deny\) denies inbound TCP 443 from 10\.0\.10\.0\/24/);
  });

  it('a partial allow of the peer followed by a deny fails (the ENI may sit in the uncovered part)', () => {
    const r = run(naclHttps, appAcl(entry('out', 80, 'allow', '10.0.11.0/25', [443, 443]), entry('out', 90, 'deny', '10.0.11.0/24', [443, 443]), ...HARDENED).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /rule 90/);
  });

  it('traffic inside one subnet does not cross its ACL', () => {
    const inv = appAcl(entry('out', 90, 'deny', '10.0.10.0/24', [443, 443]), ...HARDENED)
      .endpoint('vpce-api', (e) => (e.subnetIds = ['subnet-app-a']))
      .endpoint('vpce-dkr', (e) => (e.subnetIds = ['subnet-app-a']))
      .build();
    assert.equal(run(naclHttps, inv, { subnetIds: ['subnet-app-a'] }).status, 'pass');
  });

  it('warns when only the Linux ephemeral range is open (Windows clients and AWS advice want 1024-65535)', () => {
    const r = run(naclHttps, appAcl(HARDENED[0], entry('out', 110, 'allow', '10.0.0.0/16', [32768, 60999]), HARDENED[2], entry('in', 110, 'allow', '0.0.0.0/0', [32768, 60999])).build());
    assert.equal(r.status, 'warn');
    assert.match(r.evidence[0].note ?? '', /Windows/);
  });

  it('S3 with 0.0.0.0/0 as a stand-in: an ACL allowing only some ranges warns and says so', () => {
    const inv = appAcl(entry('out', 100, 'allow', '10.0.0.0/16', [443, 443]), entry('out', 101, 'allow', '52.216.0.0/15', [443, 443]), ...HARDENED.slice(1)).build();
    const r = run(naclHttps, inv);
    assert.equal(r.status, 'warn');
    assert.match(JSON.stringify(r.evidence), /stands in for S3/);
  });

  it("S3 with its prefix list entries collected: judged exactly", () => {
    const inv = appAcl(entry('out', 100, 'allow', '10.0.0.0/16', [443, 443]), entry('out', 101, 'allow', '52.216.0.0/15', [443, 443]), ...HARDENED.slice(1))
      .edit((i) => (i.prefixLists![0].cidrs = ['52.216.0.0/15']))
      .build();
    assert.equal(run(naclHttps, inv).status, 'pass');
    const missing = appAcl(entry('out', 100, 'allow', '10.0.0.0/16', [443, 443]), ...HARDENED.slice(1))
      .edit((i) => (i.prefixLists![0].cidrs = ['52.216.0.0/15', '3.5.0.0/19']))
      .build();
    const r = run(naclHttps, missing);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /52\.216\.0\.0\/15, 3\.5\.0\.0\/19/);
  });

  it('fails when S3 is not reachable at all on 443', () => {
    const r = run(naclHttps, appAcl(entry('out', 100, 'allow', '10.0.0.0/16', [443, 443]), ...HARDENED.slice(1)).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /outbound TCP 443 to S3 \(any public address, 0\.0\.0\.0\/0\)/);
  });

  it('skips without workload subnets', () => {
    const inv = anInventory().edit((i) => (i.subnets = i.subnets!.filter((s) => s.id === 'subnet-pub-a'))).build();
    assert.equal(run(naclHttps, inv).status, 'skip');
  });

  it('is an error when network ACLs could not be read', () => {
    const r = run(naclHttps, anInventory().withGap('networkAcls', 'ec2:DescribeNetworkAcls').build());
    assert.equal(r.status, 'error');
    assert.match(r.summary, /ec2:DescribeNetworkAcls/);
  });
});
