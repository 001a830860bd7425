/** The endpoint services an ECR pull, and the platforms around it, may need (see CHECKS.md). */
export const WATCHED_SERVICES = [
  'ecr.api',
  'ecr.dkr',
  's3',
  'logs',
  'secretsmanager',
  'ssm',
  'ecs',
  'ecs-agent',
  'ecs-telemetry',
  'ec2',
  'sts',
  'elasticloadbalancing',
  'eks',
  'eks-auth',
  'kms',
] as const;

/**
 * Full service names for the region, in both spellings: China names most interface services
 * cn.com.amazonaws.<region>.x but S3 com.amazonaws.<region>.s3. Asking for both everywhere is
 * harmless because they are sent as a `service-name` filter, which ignores names that do not
 * exist (the ServiceNames parameter instead fails the whole call with InvalidServiceName).
 */
export function watchedServiceNames(region: string): string[] {
  return WATCHED_SERVICES.flatMap((s) => [`com.amazonaws.${region}.${s}`, `cn.com.amazonaws.${region}.${s}`]);
}
