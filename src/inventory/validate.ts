/**
 * Structural validation of an inventory read from disk. Checks what the checks dereference
 * (ids, arrays, nested rule lists), so a hand-edited or corrupt snapshot is refused with a
 * message naming the bad path instead of crashing a check later.
 */

import { validateWorkload } from './validate-workload';

export type Shape = Record<string, 'string' | 'boolean' | 'number' | 'string[]' | 'number[]' | 'object' | 'array' | 'string?' | 'number?' | 'boolean?'>;

const PARTS: Record<string, { list: boolean; shape: Shape; nested?: Record<string, Shape> }> = {
  vpc: { list: false, shape: { id: 'string', cidrBlocks: 'string[]', tags: 'object' } },
  vpcAttributes: { list: false, shape: { enableDnsSupport: 'boolean?', enableDnsHostnames: 'boolean?' } },
  dhcpOptions: { list: false, shape: { id: 'string', domainNameServers: 'string[]' } },
  subnets: { list: true, shape: { id: 'string', cidrBlock: 'string', availabilityZone: 'string', tags: 'object' } },
  routeTables: {
    list: true,
    shape: { id: 'string', main: 'boolean', associations: 'array', routes: 'array', tags: 'object' },
    nested: { associations: { main: 'boolean', subnetId: 'string?' }, routes: { destinationCidrBlock: 'string?', gatewayId: 'string?', natGatewayId: 'string?' } },
  },
  vpcEndpoints: {
    list: true,
    shape: { id: 'string', type: 'string', serviceName: 'string', state: 'string', privateDnsEnabled: 'boolean', subnetIds: 'string[]', securityGroupIds: 'string[]', routeTableIds: 'string[]', tags: 'object', policyDocument: 'string?' },
  },
  securityGroups: {
    list: true,
    shape: { id: 'string', ingress: 'array', egress: 'array', tags: 'object' },
    nested: {
      ingress: { protocol: 'string', fromPort: 'number?', toPort: 'number?', ipv4Ranges: 'string[]', ipv6Ranges: 'string[]', prefixListIds: 'string[]', groupIds: 'string[]' },
      egress: { protocol: 'string', fromPort: 'number?', toPort: 'number?', ipv4Ranges: 'string[]', ipv6Ranges: 'string[]', prefixListIds: 'string[]', groupIds: 'string[]' },
    },
  },
  networkAcls: {
    list: true,
    shape: { id: 'string', isDefault: 'boolean', subnetIds: 'string[]', entries: 'array', tags: 'object' },
    nested: { entries: { ruleNumber: 'number', egress: 'boolean', protocol: 'string', action: 'string' } },
  },
  natGateways: { list: true, shape: { id: 'string', state: 'string', tags: 'object' } },
  internetGateways: { list: true, shape: { id: 'string', tags: 'object' } },
  prefixLists: { list: true, shape: { id: 'string', name: 'string' } },
  endpointServices: { list: true, shape: { serviceName: 'string', serviceTypes: 'string[]' } },
  natMetrics: {
    list: false,
    shape: { start: 'string', end: 'string', periodSeconds: 'number', series: 'array' },
    nested: { series: { natGatewayId: 'string', metric: 'string', timestamps: 'string[]', values: 'number[]' } },
  },
  pullThroughCache: { list: true, shape: { ecrRepositoryPrefix: 'string', upstreamRegistryUrl: 'string', upstreamRepositoryPrefix: 'string?', registryId: 'string?' } },
  ecrImages: { list: true, shape: { registryId: 'string', repositoryName: 'string', imageTag: 'string?', imageDigest: 'string?', result: 'string' } },
  gaps: { list: true, shape: { part: 'string', call: 'string', code: 'string', message: 'string', iamAction: 'string' } },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkShape(value: unknown, shape: Shape, at: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${at} must be an object`);
    return;
  }
  for (const [key, type] of Object.entries(shape)) {
    const v = value[key];
    const optional = type.endsWith('?');
    const base = optional ? type.slice(0, -1) : type;
    if (v === undefined || v === null) {
      if (!optional) problems.push(`${at}.${key} is missing`);
      continue;
    }
    const ok =
      base === 'string[]'
        ? Array.isArray(v) && v.every((x) => typeof x === 'string')
        : base === 'number[]'
          ? Array.isArray(v) && v.every((x) => typeof x === 'number')
          : base === 'array'
            ? Array.isArray(v)
            : base === 'object'
              ? isObject(v)
              : typeof v === base;
    if (!ok) problems.push(`${at}.${key} must be ${base}`);
  }
}

/** Returns human-readable problems; empty when the value is a usable inventory. */
export function validateInventory(data: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(data)) return ['the top level must be a JSON object'];
  checkShape(data, { collectedAt: 'string', target: 'object', gaps: 'array' }, 'inventory', problems);
  if (isObject(data.target)) checkShape(data.target, { region: 'string', partition: 'string', vpcId: 'string', accountId: 'string?' }, 'target', problems);
  if (typeof data.collectedAt === 'string' && Number.isNaN(Date.parse(data.collectedAt))) problems.push('collectedAt is not a date');
  for (const [part, spec] of Object.entries(PARTS)) {
    const value = data[part];
    if (value === undefined) continue;
    const items = spec.list ? value : [value];
    if (!Array.isArray(items)) {
      problems.push(`${part} must be an array`);
      continue;
    }
    items.forEach((item, i) => {
      const at = spec.list ? `${part}[${i}]` : part;
      checkShape(item, spec.shape, at, problems);
      for (const [field, shape] of Object.entries(spec.nested ?? {})) {
        const nested = isObject(item) ? item[field] : undefined;
        if (Array.isArray(nested)) nested.forEach((n, j) => checkShape(n, shape, `${at}.${field}[${j}]`, problems));
      }
    });
    if (problems.length > 20) break;
  }
  if (data.workload !== undefined) validateWorkload(data.workload, problems);
  return problems;
}
