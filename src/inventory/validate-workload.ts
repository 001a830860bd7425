/**
 * Structural validation of a snapshot's `workload`: what the checks and the option derivation
 * dereference (id lists, the containers' images), so a hand-edited file fails with a path.
 */
import { checkShape, type Shape } from './validate';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const SHAPES: Record<'request' | 'ecsService' | 'taskDefinition' | 'eksCluster', Shape> = {
  request: { ecsService: 'string?', ecsTaskDefinition: 'string?', eksCluster: 'string?', images: 'string[]' },
  ecsService: { arn: 'string', name: 'string', clusterArn: 'string', status: 'string', capacityProviders: 'string[]', taskDefinitionArn: 'string', subnetIds: 'string[]', securityGroupIds: 'string[]', assignPublicIp: 'boolean?', launchType: 'string?', platformVersion: 'string?', platformFamily: 'string?' },
  taskDefinition: { arn: 'string', family: 'string', revision: 'number', requiresCompatibilities: 'string[]', containers: 'array' },
  eksCluster: { name: 'string', arn: 'string', status: 'string', subnetIds: 'string[]', securityGroupIds: 'string[]', vpcId: 'string?', clusterSecurityGroupId: 'string?' },
};
const CONTAINER: Shape = { name: 'string', image: 'string', secrets: 'string[]', logDriver: 'string?', registryCredentials: 'string?' };

export function validateWorkload(workload: unknown, problems: string[]): void {
  if (!isObject(workload)) {
    problems.push('workload must be an object');
    return;
  }
  if (!isObject(workload.request)) problems.push('workload.request is missing');
  for (const [key, shape] of Object.entries(SHAPES)) {
    const value = workload[key];
    if (value !== undefined) checkShape(value, shape, `workload.${key}`, problems);
  }
  const td = workload.taskDefinition;
  const containers = isObject(td) ? td.containers : undefined;
  if (Array.isArray(containers)) containers.forEach((c, i) => checkShape(c, CONTAINER, `workload.taskDefinition.containers[${i}]`, problems));
}
