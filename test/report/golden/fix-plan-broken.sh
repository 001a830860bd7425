#!/bin/sh
# ecr-vpce fix plan for vpc-healthy (prod) in us-east-1, account 111122223333.
# From the inventory collected at 2026-11-24T12:00:00.000Z. Review it, then run it with credentials allowed to change the VPC.
# It only creates and modifies; nothing is deleted. Rerun `ecr-vpce doctor` afterwards.
set -eu

# Step 1: Turn on enableDnsSupport for vpc-healthy
# why: Without the Amazon DNS server the VPC cannot resolve the endpoints' private DNS names, so ECR hostnames resolve to public addresses (NAT) or not at all.
# fixes: vpc-dns-support
aws ec2 modify-vpc-attribute --region 'us-east-1' --vpc-id 'vpc-healthy' --enable-dns-support '{"Value":true}'

# Step 2: Turn on enableDnsHostnames for vpc-healthy
# why: Interface endpoint private DNS needs both DNS support and DNS hostnames; with hostnames off, api.ecr and dkr.ecr resolve to public addresses.
# fixes: vpc-dns-hostnames
aws ec2 modify-vpc-attribute --region 'us-east-1' --vpc-id 'vpc-healthy' --enable-dns-hostnames '{"Value":true}'

# Step 3: Create an interface endpoint for com.amazonaws.us-east-1.ecr.api with private DNS
# why: ECR pulls from private subnets need the ECR API endpoint (GetAuthorizationToken and other API calls).
# fixes: endpoint-ecr-api
aws ec2 create-vpc-endpoint --region 'us-east-1' --vpc-id 'vpc-healthy' --vpc-endpoint-type Interface --service-name 'com.amazonaws.us-east-1.ecr.api' --private-dns-enabled --subnet-ids 'subnet-app-a' 'subnet-app-b' --security-group-ids 'sg-endpoints' --query 'VpcEndpoint.VpcEndpointId' --output text

# Step 4: Enable private DNS on the ecr.dkr endpoint vpce-dkr
# why: So that the public ecr.dkr hostname resolves to the endpoint inside the VPC.
# fixes: endpoint-private-dns
aws ec2 modify-vpc-endpoint --region 'us-east-1' --vpc-endpoint-id 'vpce-dkr' --private-dns-enabled

# Step 5: Allow TCP 443 into sg-endpoints from 10.0.10.0/24, 10.0.11.0/24
# why: vpce-dkr must accept HTTPS from the tasks/pods that pull images.
# fixes: endpoint-sg-ingress-443
aws ec2 authorize-security-group-ingress --region 'us-east-1' --group-id 'sg-endpoints' --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.10.0/24","Description":"HTTPS to the ECR endpoints (ecr-vpce)"},{"CidrIp":"10.0.11.0/24","Description":"HTTPS to the ECR endpoints (ecr-vpce)"}]}]'

# Step 6: Associate vpce-s3 with rtb-app
# why: A gateway endpoint only serves the route tables it is associated with.
# fixes: s3-route-association
aws ec2 modify-vpc-endpoint --region 'us-east-1' --vpc-endpoint-id 'vpce-s3' --add-route-table-ids 'rtb-app'
