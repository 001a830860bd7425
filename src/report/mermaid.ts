/**
 * A Mermaid flowchart of one workload subnet's pull paths: subnet → route table → where each
 * ECR flow (API, registry, layers) goes. Edges that cannot work are red with ✗, edges that
 * leave through NAT or an internet/transit gateway amber with !, private ones green with ✓.
 * Node ids are fixed (s, rt, t0…), never AWS text; every label is entity-encoded.
 */
import { FLOW_LABELS, FLOWS, isBroken, isPrivateVia, type FlowPath, type SubnetPath } from '../inventory/paths';

const STYLE = {
  ok: 'stroke:#1a7f37,stroke-width:2px',
  leak: 'stroke:#bf8700,stroke-width:2px,stroke-dasharray:5 3',
  broken: 'stroke:#d1242f,stroke-width:3px',
} as const;

export function subnetFlowchart(p: SubnetPath): string {
  const lines = ['flowchart LR'];
  const styles: string[] = [];
  lines.push(`  s["${label(p.subnetId)}${p.subnetName ? `<br/>${label(p.subnetName)}` : ''}"]`);
  const table = p.routeTableId
    ? `${label(p.routeTableId)}<br/>${p.routeTableImplicit ? 'main route table' : 'route table'}`
    : 'no route table';
  lines.push(`  rt["${table}"]`, '  s --> rt');
  let link = 1;
  const nodes = new Map<string, string>();
  for (const flow of FLOWS) {
    const f = p.flows[flow];
    const key = `${f.via}:${f.target ?? ''}`;
    let node = nodes.get(key);
    if (!node) {
      node = `t${nodes.size}`;
      nodes.set(key, node);
      lines.push(`  ${node}["${targetLabel(f)}"]`);
    }
    const kind = isBroken(f.via) ? 'broken' : isPrivateVia(f.via) ? 'ok' : 'leak';
    const mark = kind === 'broken' ? '✗' : kind === 'ok' ? '✓' : '!';
    lines.push(`  rt -->|"${label(FLOW_LABELS[flow])} ${mark}"| ${node}`);
    styles.push(`  linkStyle ${link++} ${STYLE[kind]}`);
  }
  return [...lines, ...styles].join('\n');
}

function targetLabel(f: FlowPath): string {
  const id = f.target ? label(f.target) : '';
  switch (f.via) {
    case 'vpce': return `${id}<br/>VPC endpoint`;
    case 'nat': return `${id}<br/>NAT gateway`;
    case 'igw': return `${id}<br/>internet gateway`;
    case 'tgw': return `${id}<br/>transit gateway`;
    case 'other': return id || 'other target';
    case 'blocked': return `${id}<br/>blocked at the endpoint`;
    case 'none': return 'no route';
  }
}

/**
 * Mermaid decodes "#<code>;" entities in labels. Anything but letters, digits and a few safe
 * marks is encoded, so no name can close the quotes, start HTML or a Markdown string.
 */
export function label(text: string): string {
  return Array.from(text)
    .map((ch) => (/^[\p{L}\p{N} ._,:/()+=-]$/u.test(ch) ? ch : `#${ch.codePointAt(0)};`))
    .join('');
}
