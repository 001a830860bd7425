/**
 * The SDK clients, built lazily from one shared config (region, profile, endpoint, retries).
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

export interface ClientSettings {
  region: string;
  profile?: string;
  endpointUrl?: string;
  /** Replaces the adaptive strategy: tests inject one without back-off delays. */
  retryStrategy?: EC2ClientConfig['retryStrategy'];
}

export interface AwsClients {
  readonly ec2: EC2Client;
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

const MAX_ATTEMPTS = 5;

export function createClients(settings: ClientSettings): AwsClients {
  const config = sharedConfig(settings);
  let ec2: EC2Client | undefined;
  let sts: STSClient | undefined;
  let ecr: ECRClient | undefined;
  let ecs: ECSClient | undefined;
  let eks: EKSClient | undefined;
  let cloudwatch: CloudWatchClient | undefined;
  return {
    get ec2() {
      return (ec2 ??= new EC2Client(config));
    },
    get sts() {
      return (sts ??= new STSClient(config));
    },
    get ecr() {
      return (ecr ??= new ECRClient(config));
    },
    get ecs() {
      return (ecs ??= new ECSClient(config));
    },
    get eks() {
      return (eks ??= new EKSClient(config));
    },
    get cloudwatch() {
      return (cloudwatch ??= new CloudWatchClient(config));
    },
    destroy() {
      ec2?.destroy();
      sts?.destroy();
      ecr?.destroy();
      ecs?.destroy();
      eks?.destroy();
      cloudwatch?.destroy();
    },
  };
}

/** The options both clients take alike (the full config types differ per service). */
type SharedConfig = Pick<
  EC2ClientConfig,
  'region' | 'profile' | 'endpoint' | 'retryMode' | 'maxAttempts' | 'retryStrategy' | 'requestHandler'
>;

function sharedConfig(s: ClientSettings): SharedConfig {
  quietNodeVersionWarning();
  return {
    region: s.region,
    // Keys are only set when given: an explicit `undefined` endpoint would hide AWS_ENDPOINT_URL.
    ...(s.profile ? { profile: s.profile } : {}),
    ...(s.endpointUrl ? { endpoint: s.endpointUrl } : {}),
    // Adaptive: a throttled wave slows its own sending rate instead of hammering the API.
    ...(s.retryStrategy ? { retryStrategy: s.retryStrategy } : { retryMode: 'adaptive', maxAttempts: MAX_ATTEMPTS }),
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
