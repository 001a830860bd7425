/**
 * The terminal report: checks grouped by stage in flow order, evidence and fixes under anything
 * not passing, the per-subnet pull paths, then the verdict.
 *
 * The whole report is cleaned (sanitize.ts) before any line is built, so no AWS-sourced string
 * can carry escape sequences; colour is added afterwards and only when opts.color is true.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { STAGES, type Evidence, type Stage, type Status } from '../checks/types';
import { FLOW_LABELS, FLOWS, isBroken, isPrivateVia, type FlowPath, type SubnetPath, type Via } from '../inventory/paths';
import { PATH_PARTS, type Report } from './model';
import type { SuppressedCheckResult } from '../engine/suppress';
import { suppressionLine, suppressionNotes } from './human-suppression';
import { natTrafficLines } from './nat-sparkline';
import { cleanDeep } from './sanitize';
import { visibleLength, wrapText } from './wrap';

export interface HumanOptions {
  /** Decided by the caller (see color.ts): NO_COLOR, FORCE_COLOR, isTTY. */
  color: boolean;
  /** Terminal columns to wrap at; no wrapping when absent. */
  width?: number;
}

export const STATUS_SYMBOL: Record<Status, string> = { pass: '✓', warn: '!', fail: '✗', skip: '–', error: '?' };

const STAGE_TITLE: Record<Stage, string> = {
  dns: 'DNS',
  endpoints: 'Endpoints',
  security: 'Security',
  routing: 'Routing',
  traffic: 'Traffic',
  registry: 'Registry',
};

/** Evidence values can be whole policy documents: the terminal gets a prefix, --json the rest. */
const MAX_VALUE = 160;

type Paint = (s: string) => string;
const plain: Paint = (s) => s;

interface Ctx {
  c: ChalkInstance;
  width?: number;
  out: string[];
}

export function renderHuman(report: Report, opts: HumanOptions): string {
  const r = cleanDeep(report);
  // Level 1 (16 colours) when on, regardless of what chalk would detect: the caller decided.
  const ctx: Ctx = { c: new Chalk({ level: opts.color ? 1 : 0 }), width: opts.width, out: [] };
  header(ctx, r);
  for (const stage of STAGES) {
    const checks = r.checks.filter((k) => k.stage === stage);
    if (checks.length === 0) continue;
    ctx.out.push('', ctx.c.bold(STAGE_TITLE[stage]));
    for (const check of checks) {
      checkBlock(ctx, check);
      // The picture of the bytes behind the verdict, whatever the verdict.
      if (check.id === 'nat-image-traffic' && r.natTraffic && check.status !== 'skip') {
        ctx.out.push(...natTrafficLines(r.natTraffic, ctx));
      }
    }
  }
  pathsSection(ctx, r);
  gapsSection(ctx, r);
  const notes = suppressionNotes(r);
  if (notes.length > 0) ctx.out.push('', ctx.c.bold('Suppressions'));
  for (const note of notes) para(ctx, '  ', note, 4);
  footer(ctx, r);
  return ctx.out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Sections

function header(ctx: Ctx, r: Report): void {
  const { target, options } = r;
  const parts = [
    'ecr-vpce doctor',
    target.vpcName ? `${target.vpcId} (${target.vpcName})` : target.vpcId,
    target.region,
    ...(target.accountId ? [`account ${target.accountId}`] : []),
    `platform ${options.platform}`,
  ];
  ctx.out.push(ctx.c.bold(parts.join(' · ')));
  if (r.source === 'snapshot') ctx.out.push(ctx.c.dim(`Replayed from a snapshot collected at ${r.generatedAt}`));

  const names = new Map(r.paths.map((p) => [p.subnetId, p.subnetName]));
  const subnets = options.subnets.map((id) => withName(id, names.get(id))).join(', ') || 'none';
  const basis =
    options.workloadSubnetBasis === 'flag'
      ? 'given with --subnet'
      : options.workloadSubnetBasis === 'workload'
        ? "the workload's own"
        : 'the private subnets (no default route to an internet gateway)';
  if (options.workload) {
    para(ctx, 'Workload: ', options.workload.description, 2);
    for (const note of options.workload.notes) para(ctx, '  ', note, 4, ctx.c.dim);
  }
  para(ctx, 'Workload subnets: ', `${subnets} — ${basis}`, 2);
  if (options.securityGroups.length > 0) para(ctx, 'Workload security groups: ', options.securityGroups.join(', '), 2);
}

function checkBlock(ctx: Ctx, check: SuppressedCheckResult): void {
  const { c } = ctx;
  const symbol = statusPaint(c, check.status)(STATUS_SYMBOL[check.status]);
  para(ctx, `  ${symbol} ${c.bold(check.id)}  `, check.summary, 4, plain, `  ${STATUS_SYMBOL[check.status]} ${check.id}  `);
  const suppressed = suppressionLine(check);
  if (suppressed) para(ctx, '      ', suppressed, 8, c.cyan);
  if (check.status === 'pass') return;
  for (const e of check.evidence) {
    para(ctx, '      ', evidenceText(e), 8, c.dim);
    if (e.note) para(ctx, '        ', e.note, 8, c.dim);
  }
  const seen = new Set<string>();
  for (const fix of check.remediation) {
    if (seen.has(fix.id)) continue;
    seen.add(fix.id);
    para(ctx, `      ${c.cyan('fix:')} `, fix.title, 11, plain, '      fix: ');
  }
}

function pathsSection(ctx: Ctx, r: Report): void {
  const { c } = ctx;
  ctx.out.push('', c.bold('Paths'));
  if (r.paths.length === 0) {
    const missing = r.gaps.filter((g) => PATH_PARTS.includes(g.part));
    const why =
      missing.length > 0
        ? `not computed: ${missing.map((g) => `${g.call} failed (${g.code})`).join('; ')}`
        : r.options.workloadSubnetBasis === 'flag' || r.options.workloadSubnetBasis === 'workload'
          ? `none of the subnets ${r.options.workloadSubnetBasis === 'flag' ? 'given with --subnet' : 'of the workload'} is in this VPC`
          : 'no workload subnets found in this VPC';
    para(ctx, '  ', why, 4);
    return;
  }
  for (const p of r.paths) {
    const table = p.routeTableId
      ? `${p.routeTableId}${p.routeTableImplicit ? ', main route table' : ''}`
      : 'no route table';
    pathLine(ctx, `${withName(p.subnetId, p.subnetName)} (${table}): `, FLOWS.map((f) => flowPiece(c, p.flows[f])));
  }
  ctx.out.push(
    c.dim(`  ${VIA_SYMBOL.vpce} VPC endpoint · ${VIA_SYMBOL.nat} leaves through NAT / internet / transit gateway · ${VIA_SYMBOL.none} no working path`),
  );
}

function gapsSection(ctx: Ctx, r: Report): void {
  if (r.gaps.length === 0) return;
  ctx.out.push('', ctx.c.bold('Not collected'));
  for (const g of r.gaps) para(ctx, '  ', `${g.call}: ${g.code} (grant ${g.iamAction})`, 4);
}

function footer(ctx: Ctx, r: Report): void {
  const s = r.summary;
  ctx.out.push(
    '',
    `Summary: ${s.pass} passed, ${count(s.warn, 'warning')}, ${s.fail} failed, ${s.skip} skipped, ${count(s.error, 'error')}${s.suppressed ? `, ${s.suppressed} suppressed` : ''}`,
  );
  const { word, text } = verdict(r);
  const paint = statusPaint(ctx.c, s.verdict);
  para(ctx, `Verdict: ${paint(ctx.c.bold(word))} — `, text, 2, plain, `Verdict: ${word} — `);
}

// ---------------------------------------------------------------------------------------------
// Pieces

const VIA_SYMBOL: Record<Via, string> = { vpce: '✓', nat: '!', igw: '!', tgw: '!', other: '!', blocked: '✗', none: '✗' };

interface Piece {
  plain: string;
  painted: string;
}

function flowPiece(c: ChalkInstance, f: FlowPath): Piece {
  const target = f.target ? ` ${f.target}` : '';
  let where: string;
  switch (f.via) {
    case 'vpce': where = 'vpce'; break;
    case 'nat': where = `NAT${target}`; break;
    case 'igw': where = `internet gateway${target}`; break;
    case 'tgw': where = `transit gateway${target}`; break;
    case 'other': where = f.target ?? 'other'; break;
    case 'blocked': where = `blocked at ${f.target ?? 'the endpoint'}`; break;
    case 'none': where = 'no route'; break;
  }
  const paint = isPrivateVia(f.via) ? c.green : isBroken(f.via) ? c.red : c.yellow;
  const text = `${FLOW_LABELS[f.flow]} → ${where}`;
  return { plain: `${text} ${VIA_SYMBOL[f.via]}`, painted: `${text} ${paint(VIA_SYMBOL[f.via])}` };
}

/** A path line wraps between flows, never inside one. */
function pathLine(ctx: Ctx, head: string, pieces: Piece[]): void {
  const sep = (i: number) => (i < pieces.length - 1 ? ',' : '');
  let line = `  ${head}`;
  let len = visibleLength(line);
  pieces.forEach((piece, i) => {
    const width = visibleLength(piece.plain + sep(i));
    if (ctx.width && i > 0 && len + 1 + width > ctx.width) {
      ctx.out.push(line);
      line = `    ${piece.painted}${sep(i)}`;
      len = 4 + width;
    } else {
      line += `${i === 0 ? '' : ' '}${piece.painted}${sep(i)}`;
      len += (i === 0 ? 0 : 1) + width;
    }
  });
  ctx.out.push(line);
}

function evidenceText(e: Evidence): string {
  return `${withName(e.resource, e.name)}: ${e.field} observed ${truncate(e.observed)}, expected ${truncate(e.expected)}`;
}

function verdict(r: Report): { word: string; text: string } {
  const s = r.summary;
  if (s.verdict === 'error') {
    const also = s.fail > 0 ? ` and ${count(s.fail, 'check')} failed` : '';
    return {
      word: 'ERROR',
      text: `${count(s.error, 'check')} could not be evaluated${also}; the diagnosis is incomplete (see the ? lines)`,
    };
  }
  if (s.verdict === 'fail') return { word: 'FAIL', text: `${count(s.fail, 'check')} failed; ${consequence(r.paths)}` };
  if (s.verdict === 'warn') {
    const strict = r.options.strict ? ' (--strict: exit code 1)' : '';
    return { word: 'WARN', text: `no failures, ${count(s.warn, 'warning')} to review${strict}` };
  }
  if (s.pass === 0) return { word: 'PASS', text: 'nothing failed, but no check applied to this VPC' };
  const skipped = s.skip > 0 ? ` (${s.skip} skipped)` : '';
  const allPrivate = r.paths.length > 0 && r.paths.every((p) => FLOWS.every((f) => isPrivateVia(p.flows[f].via)));
  return {
    word: 'PASS',
    text: `${count(s.pass, 'check')} passed${skipped}${allPrivate ? '; image pulls stay on VPC endpoints' : ''}`,
  };
}

/** What a failure means for pulls, as far as the paths tell: said only when they show it. */
function consequence(paths: SubnetPath[]): string {
  const broken = paths.filter((p) => FLOWS.some((f) => isBroken(p.flows[f].via)));
  if (broken.length > 0) return `image pulls will fail from ${count(broken.length, 'workload subnet')}`;
  if (paths.some((p) => FLOWS.some((f) => !isPrivateVia(p.flows[f].via)))) {
    return 'image pulls will not stay private (traffic leaves through NAT or the internet)';
  }
  return 'private image pulls are not set up correctly';
}

// ---------------------------------------------------------------------------------------------
// Helpers

function statusPaint(c: ChalkInstance, status: Status): Paint {
  const paints: Record<Status, Paint> = { pass: c.green, warn: c.yellow, fail: c.red, skip: c.gray, error: c.magenta };
  return paints[status];
}

/**
 * Pushes `prefix + body`, wrapping the body at ctx.width with continuation lines indented by
 * `hang`. `plainPrefix` is the prefix without colour, for measuring (defaults to `prefix`).
 */
function para(ctx: Ctx, prefix: string, body: string, hang: number, paint: Paint = plain, plainPrefix = prefix): void {
  if (!ctx.width) {
    ctx.out.push(prefix + paint(body));
    return;
  }
  const [first, ...rest] = wrapText(body, ctx.width - visibleLength(plainPrefix), ctx.width - hang);
  ctx.out.push(prefix + paint(first));
  for (const line of rest) ctx.out.push(' '.repeat(hang) + paint(line));
}

function withName(id: string, name: string | undefined): string {
  return name ? `${id} (${name})` : id;
}

function truncate(value: string): string {
  const chars = Array.from(value);
  return chars.length <= MAX_VALUE ? value : `${chars.slice(0, MAX_VALUE).join('')}… (full value in --json)`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
