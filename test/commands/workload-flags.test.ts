/** The workload flags: validated before any call, turned into the collector's target. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageFlags, namesVpc, parseService, workloadFlagOptions, workloadTarget } from '../../src/commands/workload-flags';
import { DiagnoseError } from '../../src/util/errors';

function badInput(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof DiagnoseError && e.reason === 'bad-input' && pattern.test(e.message));
}

describe('workload flags', () => {
  it('CLUSTER/SERVICE and a long service ARN', () => {
    assert.deepEqual(parseService('prod/web'), { cluster: 'prod', service: 'web' });
    assert.deepEqual(parseService('arn:aws:ecs:us-east-1:111122223333:service/prod/web'), { cluster: 'prod', service: 'web' });
    badInput(() => parseService('web'), /CLUSTER\/SERVICE/);
    badInput(() => parseService('a/b/c'), /CLUSTER\/SERVICE/);
    badInput(() => parseService('prod/we b'), /CLUSTER\/SERVICE/);
  });

  it('builds the target and records the request as given', () => {
    const t = workloadTarget({ 'ecs-service': 'prod/web', 'ecs-task-definition': 'web:8', image: ['nginx'] });
    assert.deepEqual(t, {
      request: { ecsService: 'prod/web', ecsTaskDefinition: 'web:8', images: ['nginx'] },
      ecsService: { cluster: 'prod', service: 'web' },
    });
    assert.equal(workloadTarget({}), undefined);
    assert.ok(namesVpc(t));
    assert.ok(namesVpc(workloadTarget({ 'eks-cluster': 'k1' })));
    assert.ok(!namesVpc(workloadTarget({ image: ['nginx'] })));
  });

  it('refuses malformed names and images before any call', () => {
    badInput(() => workloadTarget({ 'ecs-task-definition': 'web:x' }), /task definition/);
    badInput(() => workloadTarget({ 'eks-cluster': '-k' }), /EKS cluster/);
    badInput(() => imageFlags({ image: ['Nginx:latest'] }), /--image "Nginx:latest" is not a valid image reference: .*lower case/);
    assert.deepEqual(imageFlags({ image: [' nginx:1 '] }), { images: ['nginx:1'] });
    assert.ok(workloadTarget({ 'ecs-task-definition': 'arn:aws:ecs:us-east-1:111122223333:task-definition/web:3' }));
  });

  it('refuses an ECS and an EKS workload together, and a live workload with --snapshot; --image goes with a snapshot', () => {
    badInput(() => workloadFlagOptions({ 'ecs-service': 'prod/web', 'eks-cluster': 'k1' }), /--ecs-service and --eks-cluster/);
    badInput(() => workloadFlagOptions({ 'ecs-task-definition': 'web', 'eks-cluster': 'k1' }), /--ecs-task-definition and --eks-cluster/);
    badInput(() => workloadFlagOptions({ 'eks-cluster': 'k1', snapshot: 's.json' }), /--eks-cluster reads AWS/);
    assert.deepEqual(workloadFlagOptions({ image: ['nginx'], snapshot: 's.json' }), { images: ['nginx'] });
  });
});
