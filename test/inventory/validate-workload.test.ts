/** Snapshots with a workload: replayed as collected, refused with a path when hand-edited wrong. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSnapshot } from '../../src/inventory/snapshot-file';
import { validateInventory } from '../../src/inventory/validate';
import { anInventory } from '../helpers/inventory-builder';
import { OWN, anEksCluster, ecsWorkload } from '../helpers/workload-fixtures';

const withWorkload = () =>
  anInventory()
    .edit((i) => {
      i.workload = ecsWorkload([`${OWN}/web:1.2`, 'nginx']);
      i.pullThroughCache = [{ ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io' }];
      i.ecrImages = [{ registryId: '111122223333', repositoryName: 'web', imageTag: '1.2', result: 'found' }];
    })
    .build();

describe('snapshot validation of the workload parts', () => {
  it('accepts what the collector writes, and round-trips it', () => {
    const inv = withWorkload();
    assert.deepEqual(validateInventory(inv), []);
    assert.deepEqual(parseSnapshot(JSON.stringify(inv)), inv);
    const eks = anInventory().edit((i) => (i.workload = { request: { eksCluster: 'k1', images: [] }, eksCluster: anEksCluster() })).build();
    assert.deepEqual(validateInventory(eks), []);
  });

  it('names the bad path', () => {
    const cases: Array<[(i: Record<string, any>) => void, RegExp]> = [
      [(i) => (i.workload = 'x'), /workload must be an object/],
      [(i) => delete i.workload.request, /workload\.request is missing/],
      [(i) => (i.workload.ecsService.subnetIds = 'subnet-1'), /workload\.ecsService\.subnetIds must be string\[\]/],
      [(i) => (i.workload.taskDefinition.containers[1].image = 7), /workload\.taskDefinition\.containers\[1\]\.image must be string/],
      [(i) => (i.pullThroughCache[0].upstreamRegistryUrl = undefined), /pullThroughCache\[0\]\.upstreamRegistryUrl is missing/],
      [(i) => (i.ecrImages = {}), /ecrImages must be an array/],
    ];
    for (const [mutate, pattern] of cases) {
      const inv = withWorkload() as unknown as Record<string, any>;
      mutate(inv);
      const problems = validateInventory(inv);
      assert.ok(problems.some((p) => pattern.test(p)), `${pattern}: ${problems.join('; ')}`);
    }
  });
});
