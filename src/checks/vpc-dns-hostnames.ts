import { vpcAttributeCheck } from './vpc-attribute';

export const vpcDnsHostnames = vpcAttributeCheck({
  id: 'vpc-dns-hostnames',
  title: 'VPC DNS hostnames are enabled',
  attribute: 'enableDnsHostnames',
  why: 'Interface endpoint private DNS needs both DNS support and DNS hostnames; with hostnames off, api.ecr and dkr.ecr resolve to public addresses.',
});
