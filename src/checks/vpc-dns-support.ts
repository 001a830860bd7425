import { vpcAttributeCheck } from './vpc-attribute';

export const vpcDnsSupport = vpcAttributeCheck({
  id: 'vpc-dns-support',
  title: 'VPC DNS resolution is enabled',
  attribute: 'enableDnsSupport',
  why: 'Without the Amazon DNS server the VPC cannot resolve the endpoints\' private DNS names, so ECR hostnames resolve to public addresses (NAT) or not at all.',
});
