/**
 * What each check looks at, why it matters and how it is usually fixed: the help text of the
 * SARIF rules and of the Markdown report. Keyed by the stable check ids (CHECKS.md); a test
 * requires an entry for every check in the registry, so a new check ships with its help.
 */
export interface CheckHelp {
  /** One sentence: what passing means. */
  what: string;
  /** Why a failure breaks or leaks image pulls. */
  why: string;
  /** The usual fix, in words (the report's remediation gives the exact one). */
  fix: string;
}

export const CHECK_HELP: Readonly<Record<string, CheckHelp>> = {
  'vpc-dns-support': {
    what: 'The VPC attribute enableDnsSupport is on.',
    why: 'Without the VPC resolver, the private DNS names of the interface endpoints never resolve: pulls go to public ECR addresses or fail.',
    fix: 'aws ec2 modify-vpc-attribute --enable-dns-support on the VPC.',
  },
  'vpc-dns-hostnames': {
    what: 'The VPC attribute enableDnsHostnames is on.',
    why: 'Private DNS on interface endpoints needs both DNS attributes; with hostnames off the endpoint names are not served.',
    fix: 'aws ec2 modify-vpc-attribute --enable-dns-hostnames on the VPC.',
  },
  'vpc-dhcp-dns': {
    what: 'The DHCP option set uses AmazonProvidedDNS, or custom servers that forward to the VPC resolver.',
    why: 'Custom DNS servers that do not forward amazonaws.com to the VPC resolver (169.254.169.253, or the VPC CIDR base + 2) return public ECR addresses.',
    fix: 'Forward amazonaws.com to the VPC resolver from the custom servers, or add AmazonProvidedDNS to the option set.',
  },
  'endpoint-ecr-dkr': {
    what: 'An interface endpoint for ecr.dkr exists in the VPC and is available.',
    why: 'Image manifests are served by the registry host (ecr.dkr); without the endpoint a private subnet reaches it only through a NAT gateway, or not at all.',
    fix: 'Create an interface endpoint for com.amazonaws.<region>.ecr.dkr with private DNS, in the workload subnets.',
  },
  'endpoint-ecr-api': {
    what: 'An interface endpoint for ecr.api exists and is available (needed from Fargate platform version 1.4.0, on ECS on EC2 and on EKS).',
    why: 'The authorization token comes from the ECR API; without the endpoint that call leaves through the NAT gateway or times out.',
    fix: 'Create an interface endpoint for com.amazonaws.<region>.ecr.api with private DNS.',
  },
  'endpoint-required-services': {
    what: 'Every other service the platform needs (ECS agent and telemetry, EC2, STS, CloudWatch Logs, Secrets Manager...) has an endpoint.',
    why: 'A task or node that cannot reach these services fails to start or to ship logs even when the image pull itself is private.',
    fix: 'Create the missing interface endpoints, with private DNS.',
  },
  'endpoint-private-dns': {
    what: 'Private DNS is enabled on the ecr.dkr endpoint (and on ecr.api).',
    why: 'Clients use the public ECR host names; only private DNS makes those names resolve to the endpoint addresses.',
    fix: 'aws ec2 modify-vpc-endpoint --private-dns-enabled on the endpoint.',
  },
  'endpoint-az-coverage': {
    what: 'Each workload subnet\'s Availability Zone has an ECR endpoint interface.',
    why: 'Pulls still work across zones, but each GB pays inter-AZ transfer and the zone depends on another being up.',
    fix: 'Add a subnet in each missing zone to the endpoint.',
  },
  'endpoint-sg-ingress-443': {
    what: 'The endpoints\' security groups admit TCP 443 from every workload subnet (or from the workload security group).',
    why: 'A security group that does not admit HTTPS from the workload makes every pull time out at the endpoint.',
    fix: 'Allow TCP 443 in the endpoint security group from the workload subnet CIDRs or security group.',
  },
  'workload-sg-egress-443': {
    what: 'The workload security groups allow HTTPS out to the endpoints and to the S3 prefix list.',
    why: 'Egress rules apply before any route: blocked 443 out means the pull never leaves the task or node.',
    fix: 'Allow TCP 443 out to the endpoint security group and the S3 prefix list (or 0.0.0.0/0).',
  },
  'nacl-https': {
    what: 'The network ACLs of the workload and endpoint subnets allow 443 and the ephemeral replies (1024-65535), in rule order.',
    why: 'Network ACLs are stateless: a missing reply rule drops the responses and the pull hangs.',
    fix: 'Add allow rules for TCP 443 and the ephemeral ports, numbered before any deny that matches.',
  },
  'endpoint-s3-gateway': {
    what: 'An S3 gateway endpoint exists in the VPC.',
    why: 'Image layers are downloaded from S3 (prod-<region>-starport-layer-bucket); without a gateway endpoint they go through the NAT gateway, billed per GB.',
    fix: 'Create an S3 gateway endpoint associated with the workload route tables.',
  },
  's3-route-association': {
    what: 'The effective route table of every workload subnet (the explicit one, else the main one) is associated with the S3 gateway endpoint.',
    why: 'A gateway endpoint only serves the route tables it is associated with; the others send layers to the NAT gateway.',
    fix: 'Associate the S3 gateway endpoint with each listed route table.',
  },
  'endpoint-policy': {
    what: 'The endpoint policies allow the ECR pull actions, and the S3 policy allows s3:GetObject on the layer bucket.',
    why: 'A restrictive endpoint policy denies the pull with AccessDenied although the network path is fine.',
    fix: 'Add the missing actions (or narrow the Deny) in the endpoint policy.',
  },
  'egress-path': {
    what: 'From every workload subnet, ECR API, registry and S3 layer traffic each has a working path, ideally through VPC endpoints.',
    why: 'A flow with no path fails the pull; a flow through NAT or an internet gateway works but leaks traffic and cost.',
    fix: 'Fix the checks above that the path names (endpoint, DNS, security group, route association).',
  },
  'nat-image-traffic': {
    what: 'The NAT gateways on the workload routes show no image-pull-sized BytesOutToSource spikes over the lookback window.',
    why: 'Spikes at deploy time are the likely sign that layers or manifests go through the NAT gateway, billed per processed GB.',
    fix: 'Make all three ECR flows private (endpoints and the S3 route association), then watch the metric fall.',
  },
  'image-origin': {
    what: 'Every image the workload pulls is an ECR image in the VPC\'s own region, served by the endpoints.',
    why: 'Images from another region or registry cannot use the endpoints: they need a NAT path, or they cannot be pulled at all.',
    fix: 'Replicate the image to this region\'s ECR, or use a pull-through cache rule.',
  },
  'ecr-pull-through-cache': {
    what: 'Images from other registries are mapped by an ECR pull-through cache rule.',
    why: 'Without a cache rule the pull goes to the upstream registry over the internet; with one, only the first pull needs a NAT path.',
    fix: 'Create a pull-through cache rule for the upstream registry and pull through its prefix.',
  },
};

/** The help of a check id, or a neutral stand-in built from its title. */
export function helpFor(id: string, title: string): CheckHelp {
  return CHECK_HELP[id] ?? { what: `${title}.`, why: 'See the check catalogue in the README.', fix: 'Follow the remediation in the report.' };
}
