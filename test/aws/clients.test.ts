/** The shared client configuration, read back from the SDK's resolved config. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Budget } from '../../src/aws/budget';
import { createClients } from '../../src/aws/clients';
import { isolateAwsEnv } from './fake-aws';

before(() => isolateAwsEnv());

describe('createClients', () => {
  it('uses the adaptive retry mode with 5 attempts', async () => {
    const clients = createClients({ region: 'us-east-1' });
    try {
      for (const client of [clients.ec2, clients.sts]) {
        const strategy = await client.config.retryStrategy();
        assert.equal((strategy as { mode?: string }).mode, 'adaptive');
        assert.equal(await client.config.maxAttempts(), 5);
      }
    } finally {
      clients.destroy();
    }
  });

  it('sends both services to the given endpoint, in the given region', async () => {
    const clients = createClients({ region: 'eu-west-1', endpointUrl: 'http://aws.test:4566' });
    try {
      for (const client of [clients.ec2, clients.sts]) {
        assert.equal(await client.config.region(), 'eu-west-1');
        const endpoint = await client.config.endpoint?.();
        assert.equal(endpoint?.hostname, 'aws.test');
        assert.equal(endpoint?.port, 4566);
      }
    } finally {
      clients.destroy();
    }
  });

  it('with a time budget: still adaptive, 5 attempts; the probe client is a separate EC2 client', async () => {
    const budget = new Budget(60_000);
    const clients = createClients({ region: 'us-east-1', budget });
    try {
      for (const client of [clients.ec2, clients.ec2Probe, clients.sts, clients.cloudwatch]) {
        const strategy = await client.config.retryStrategy();
        assert.equal(await client.config.maxAttempts(), 5);
        assert.equal(typeof (strategy as { acquireInitialRetryToken?: unknown }).acquireInitialRetryToken, 'function');
      }
      assert.equal(((await clients.ec2.config.retryStrategy()) as { mode?: string }).mode, 'adaptive');
      assert.notEqual(clients.ec2Probe, clients.ec2);
    } finally {
      clients.destroy();
      budget.dispose();
    }
  });

  it('creates clients only when first used', () => {
    const clients = createClients({ region: 'us-east-1' });
    clients.destroy(); // nothing created yet: nothing to close, no error
    assert.equal(clients.ec2, clients.ec2, 'one client per service');
    clients.destroy();
  });
});
