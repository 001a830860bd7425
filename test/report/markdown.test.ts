import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/report/markdown';
import { code, md } from '../../src/report/md-escape';
import { label, subnetFlowchart } from '../../src/report/mermaid';
import { assertGolden } from '../helpers/golden';
import { anInventory } from '../helpers/inventory-builder';
import { FORMAT_CASES, hostileInventory, reportWith } from './format-fixtures';

describe('Markdown report (golden)', () => {
  for (const name of ['healthy', 'classic-leak', 'everything-broken', 'denied-route-tables', 'az-warning']) {
    it(name, () => assertGolden(`markdown-${name}.md`, renderMarkdown(reportWith(FORMAT_CASES[name]()))));
  }

  it('suppressed, partly suppressed, expired and unmatched rules', () => {
    const inv = anInventory()
      .classicS3Leak()
      .endpoint('vpce-api', (e) => (e.subnetIds = ['subnet-app-a']))
      .endpoint('vpce-dkr', (e) => (e.subnetIds = ['subnet-app-a']))
      .build();
    const report = reportWith(inv, {
      suppress: [
        { check: 's3-route-association', resource: 'rtb-app', reason: 'moving to the new VPC', expires: '2027-01-31' },
        { check: 'endpoint-az-coverage', resource: 'vpce-api', reason: 'one AZ is fine for the API' },
        { check: 'egress-path', resource: 'subnet-app-a', reason: 'expired exception', expires: '2026-01-01' },
        { check: 'vpc-dns-support', reason: 'never fails here' },
      ],
    });
    assertGolden('markdown-suppressed.md', renderMarkdown(report));
  });

  it('the classic leak: a NAT edge in amber, private edges in green', () => {
    const out = renderMarkdown(reportWith(FORMAT_CASES['classic-leak']()));
    assert.match(out, /rt -->\|"image layers !"\| t2\n/);
    assert.match(out, /t2\["nat-main<br\/>NAT gateway"\]/);
    assert.match(out, /linkStyle 3 stroke:#bf8700/);
  });

  it('no working path: a red edge to "no route"', () => {
    const inv = anInventory()
      .withoutEndpoint('vpce-api')
      .withoutEndpoint('vpce-dkr')
      .routeTable('rtb-app', (rt) => (rt.routes = rt.routes.filter((r) => r.natGatewayId === undefined)))
      .build();
    const out = renderMarkdown(reportWith(inv));
    assert.match(out, /t0\["no route"\]/);
    assert.match(out, /rt -->\|"ECR API ✗"\| t0/);
    assert.match(out, /linkStyle 1 stroke:#d1242f/);
  });
});

describe('Markdown escaping of AWS-sourced text', () => {
  const out = renderMarkdown(reportWith(hostileInventory()));
  const mermaid = [...out.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('no raw HTML, links, images, mentions or escape sequences', () => {
    // Outside diagrams and code spans (where nothing is interpreted), only our own <sub> tags.
    const prose = out.replace(/```mermaid\n[\s\S]*?```/g, '').replace(/(`+)[\s\S]*?\1/g, '');
    assert.doesNotMatch(prose, /(?<!\\)<(?!\/?sub>)/, 'every < is escaped');
    assert.match(prose, /\\<img src=x/);
    assert.doesNotMatch(out, /(?<!\\)\[x(?<!\\)\]\(/, 'no link syntax');
    assert.doesNotMatch(prose, /https:\/\/evil/, 'no bare URL to autolink');
    assert.doesNotMatch(out, /@org/, 'no @mention');
    assert.doesNotMatch(out, /\u001b|\u0000/);
  });

  it('each Mermaid block stays one diagram: no quote, backtick fence or newline escapes a label', () => {
    assert.ok(mermaid.length >= 2);
    for (const block of mermaid) {
      for (const line of block.trimEnd().split('\n')) {
        assert.match(line, /^(flowchart LR|  s\["[^"]*"\]|  rt\["[^"]*"\]|  s --> rt|  t\d\["[^"]*"\]|  rt -->\|"[^"]*"\| t\d|  linkStyle \d .*)$/, line);
      }
      // Words survive inside quoted labels ("click s" is text there); syntax does not.
      assert.doesNotMatch(block, /```|<(?!br\/>)/);
    }
  });
});

describe('escaping helpers', () => {
  it('md escapes inline syntax and breaks mentions and autolinks', () => {
    assert.equal(md('a*b_c [x](y) <b> | `c` ~d~ #1 &amp;'), 'a\\*b\\_c \\[x\\](y) \\<b\\> \\| \\`c\\` \\~d\\~ \\#1 \\&amp;');
    assert.equal(md('@team'), '@\u200bteam');
    assert.equal(md('see https://x.io and www.x.io'), 'see https:\u200b//x.io and www\u200b.x.io');
  });

  it('code spans survive backticks, and pipes inside tables', () => {
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x'), '`` `x ``');
    assert.equal(code('a|b', true), '`a\\|b`');
  });

  it('Mermaid labels keep ids and names readable, encode everything else', () => {
    assert.equal(label('subnet-0abc (app-a)'), 'subnet-0abc (app-a)');
    assert.equal(label('a"b<c>#d`e;f\nz'), 'a#34;b#60;c#62;#35;d#96;e#59;f#10;z');
    assert.equal(label('Zürich 東京'), 'Zürich 東京');
  });

  it('a subnet on the main route table, no name', () => {
    const inv = anInventory().edit((i) => {
      i.routeTables = i.routeTables!.map((rt) => (rt.id === 'rtb-app' ? { ...rt, associations: rt.associations.filter((a) => a.subnetId !== 'subnet-app-b') } : rt));
      i.subnets!.find((s) => s.id === 'subnet-app-b')!.tags = {};
    }).build();
    const path = reportWith(inv).paths.find((p) => p.subnetId === 'subnet-app-b')!;
    assert.match(subnetFlowchart(path), /s\["subnet-app-b"\]\n  rt\["rtb-main<br\/>main route table"\]/);
  });
});
