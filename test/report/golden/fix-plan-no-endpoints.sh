#!/bin/sh
# ecr-vpce fix plan for vpc-healthy (prod) in us-east-1, account 111122223333.
# From the inventory collected at 2026-11-24T12:00:00.000Z. Review it, then run it with credentials allowed to change the VPC.
# It only creates and modifies; nothing is deleted. Rerun `ecr-vpce doctor` afterwards.
set -eu

# Step 1: Create security group ecr-vpce-endpoints admitting TCP 443 from 10.0.0.0/16
# why: The new interface endpoints need a security group that admits HTTPS from the workload; there is no ECR endpoint whose group could be reused.
# fixes: endpoint-ecr-dkr, endpoint-ecr-api
SG_ID=$(aws ec2 create-security-group --region 'us-east-1' --vpc-id 'vpc-healthy' --group-name 'ecr-vpce-endpoints' --description 'HTTPS to the VPC interface endpoints (ecr-vpce)' --query 'GroupId' --output text)
aws ec2 authorize-security-group-ingress --region 'us-east-1' --group-id "$SG_ID" --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.0.0/16","Description":"HTTPS to the ECR endpoints (ecr-vpce)"}]}]'

# Step 2: Create an interface endpoint for com.amazonaws.us-east-1.ecr.dkr with private DNS
# why: ECR pulls from private subnets need the registry endpoint (docker pull: manifests and layer locations).
# fixes: endpoint-ecr-dkr
aws ec2 create-vpc-endpoint --region 'us-east-1' --vpc-id 'vpc-healthy' --vpc-endpoint-type Interface --service-name 'com.amazonaws.us-east-1.ecr.dkr' --private-dns-enabled --subnet-ids 'subnet-app-a' 'subnet-app-b' --security-group-ids "$SG_ID" --query 'VpcEndpoint.VpcEndpointId' --output text

# Step 3: Create an interface endpoint for com.amazonaws.us-east-1.ecr.api with private DNS
# why: ECR pulls from private subnets need the ECR API endpoint (GetAuthorizationToken and other API calls).
# fixes: endpoint-ecr-api
aws ec2 create-vpc-endpoint --region 'us-east-1' --vpc-id 'vpc-healthy' --vpc-endpoint-type Interface --service-name 'com.amazonaws.us-east-1.ecr.api' --private-dns-enabled --subnet-ids 'subnet-app-a' 'subnet-app-b' --security-group-ids "$SG_ID" --query 'VpcEndpoint.VpcEndpointId' --output text

# Step 4: Create an S3 gateway endpoint on rtb-app
# why: ECR image layers are downloaded from S3; a gateway endpoint keeps them off the NAT gateway at no charge.
# fixes: endpoint-s3-gateway
aws ec2 create-vpc-endpoint --region 'us-east-1' --vpc-id 'vpc-healthy' --vpc-endpoint-type Gateway --service-name 'com.amazonaws.us-east-1.s3' --route-table-ids 'rtb-app' --query 'VpcEndpoint.VpcEndpointId' --output text
