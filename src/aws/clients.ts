/**
 * The SDK clients, built lazily from one shared config (region, profile, endpoint, retries), each
 * bound to the collection's time budget (bounded-client.ts).
 *
 * Endpoint: an explicit endpointUrl wins; otherwise the SDK itself honours AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_EC2 / _STS and `endpoint_url` in the profile (checked with SDK 3.1169).
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EKSClient } from '@aws-sdk/client-eks';
import { STSClient } from '@aws-sdk/client-sts';
import { bindToBudget, type SdkClient } from './bounded-client';
import type { Budget } from './budget';
import type { RateLimiter } from '@smithy/core/retry';
import { MAX_ATTEMPTS, adaptiveRetries, throttlingOnly, withinBudget, type RetryStrategy } from './retry-strategies';

export interface ClientSettings {
  region: string;
  profile?: string;
  endpointUrl?: string;
  /** Replaces the adaptive strategy: tests inject one without back-off delays. */
  retryStrategy?: RetryStrategy;
  /**
   * A scan's rate limiter per client class (aws/scan.ts): the collections of one region share
   * it, so the adaptive strategy slows the whole scan down when that region's API throttles.
   */
  rateLimiterFor?: (client: abstract new (...args: never[]) => unknown) => RateLimiter;
  /** The collection's --timeout: every call carries its abort signal, no back-off outlasts it. */
  budget?: Budget;
}

export interface AwsClients {
  readonly ec2: EC2Client;
  /**
   * EC2 for a probe with a fallback: retries throttling only, so a server error goes straight to
   * the fallback (the filtered DescribeVpcEndpointServices, which moto answers with HTTP 500).
   */
  readonly ec2Probe: EC2Client;
  readonly sts: STSClient;
  /** The workload's clients: created only when --ecs-service, --eks-cluster or --image asks. */
  readonly ecr: ECRClient;
  readonly ecs: ECSClient;
  readonly eks: EKSClient;
  /** NAT gateway metrics (wave 2). */
  readonly cloudwatch: CloudWatchClient;
  /** Closes the clients' sockets so the process can exit promptly. */
  destroy(): void;
}

export function createClients(settings: ClientSettings): AwsClients {
  const created: { destroy(): void }[] = [];
  // Each client gets its own strategy: one throttled service must not slow the others down.
  const make = <C extends SdkClient & { destroy(): void }>(
    Client: new (config: SharedConfig) => C,
    retries: 'all' | 'throttling' = 'all',
  ): C => {
    const client = new Client(sharedConfig(settings, retries, settings.rateLimiterFor?.(Client)));
    created.push(client);
    return settings.budget ? bindToBudget(client, settings.budget) : client;
  };
  let ec2: EC2Client | undefined;
  let ec2Probe: EC2Client | undefined;
  let sts: STSClient | undefined;
  let ecr: ECRClient | undefined;
  let ecs: ECSClient | undefined;
  let eks: EKSClient | undefined;
  let cloudwatch: CloudWatchClient | undefined;
  return {
    get ec2() {
      return (ec2 ??= make(EC2Client));
    },
    get ec2Probe() {
      return (ec2Probe ??= make(EC2Client, 'throttling'));
    },
    get sts() {
      return (sts ??= make(STSClient));
    },
    get ecr() {
      return (ecr ??= make(ECRClient));
    },
    get ecs() {
      return (ecs ??= make(ECSClient));
    },
    get eks() {
      return (eks ??= make(EKSClient));
    },
    get cloudwatch() {
      return (cloudwatch ??= make(CloudWatchClient));
    },
    destroy() {
      for (const client of created) client.destroy();
    },
  };
}

/** The options every client takes alike (the full config types differ per service). */
type SharedConfig = Pick<EC2ClientConfig, 'region' | 'profile' | 'endpoint' | 'maxAttempts' | 'retryStrategy' | 'requestHandler'>;

function sharedConfig(s: ClientSettings, retries: 'all' | 'throttling', rateLimiter?: RateLimiter): SharedConfig {
  quietNodeVersionWarning();
  const base = s.retryStrategy ?? adaptiveRetries(s.budget, rateLimiter);
  const strategy = retries === 'throttling' ? throttlingOnly(base) : base;
  return {
    region: s.region,
    // Keys are only set when given: an explicit `undefined` endpoint would hide AWS_ENDPOINT_URL.
    ...(s.profile ? { profile: s.profile } : {}),
    ...(s.endpointUrl ? { endpoint: s.endpointUrl } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryStrategy: s.budget ? withinBudget(strategy, s.budget) : strategy,
    // Without timeouts a black-holed endpoint (firewall drops, no RST) hangs the doctor.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
  };
}

/** The profile's `region`, read by the SDK (it knows AWS_CONFIG_FILE, AWS_PROFILE, [profile x]). */
export async function regionFromProfile(profile: string | undefined): Promise<string | undefined> {
  quietNodeVersionWarning();
  const probe = new STSClient(profile ? { profile } : {});
  try {
    return await probe.config.region();
  } catch {
    return undefined; // "Region is missing": the caller says what to do about it
  } finally {
    probe.destroy();
  }
}

/**
 * SDK 3.11xx warns on every run under Node < 22 ("NodeVersionSupportWarning"); the CLI supports
 * Node 20 on purpose, so that warning would only be noise on the user's terminal.
 */
function quietNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
