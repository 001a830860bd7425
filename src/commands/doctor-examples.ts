/**
 * `doctor --help` examples for the flags the base examples do not show. A test requires every
 * doctor flag to appear in some example, so a new flag comes with one.
 */
const bin = '<%= config.bin %> doctor';
const vpc = '--vpc vpc-0123456789abcdef0';

export const moreExamples = [
  { description: 'A named AWS profile and region', command: `${bin} ${vpc} --profile prod --region eu-west-1` },
  { description: 'Against a local AWS API emulator', command: `${bin} ${vpc} --endpoint-url http://127.0.0.1:5000` },
  { description: 'Give up after 45 seconds (default 2m), e.g. on a throttled account in CI', command: `${bin} ${vpc} --timeout 45s` },
  { description: 'Warnings fail too (exit 1), e.g. in CI', command: `${bin} ${vpc} --strict` },
  { description: 'Only the endpoint and security checks; skip one check by id', command: `${bin} ${vpc} --only endpoints,security --skip endpoint-az-coverage` },
  { description: 'NAT gateway traffic over the last 7 days, priced at your rate', command: `${bin} ${vpc} --lookback 7d --nat-price-per-gb 0.048` },
  { description: 'An ECS service, checked with the task definition about to be deployed', command: `${bin} --ecs-service prod/web --ecs-task-definition web:42` },
  { description: 'An EKS cluster (name pod images with --image)', command: `${bin} --eks-cluster prod --image 111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.2` },
  { description: 'SARIF for GitHub code scanning, findings pointing at the workflow file', command: `${bin} ${vpc} --format sarif --output ecr-vpce.sarif --sarif-artifact .github/workflows/ecr-vpce.yml` },
  { description: 'JUnit XML for GitLab/Jenkins (the human report still prints)', command: `${bin} ${vpc} --format junit --output ecr-vpce.xml` },
  { description: 'Markdown with Mermaid path diagrams, for a pull-request comment', command: `${bin} ${vpc} --format markdown > comment.md` },
  { description: 'Defaults and suppressions from a config file other than ./.ecr-vpce.json', command: `${bin} --config ci/ecr-vpce.json` },
  { description: 'Every VPC of the current region, one combined report', command: `${bin} --all-vpcs` },
  { description: 'Every VPC of two regions (or --regions all), 8 VPCs at a time, as JSON', command: `${bin} --regions us-east-1,eu-west-1 --concurrency 8 --json > scan.json` },
];
