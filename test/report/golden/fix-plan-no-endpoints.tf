# ecr-vpce fix plan for vpc-healthy (prod) in us-east-1, account 111122223333.
# From the inventory collected at 2026-11-24T12:00:00.000Z. Existing resources are referenced by id;
# use your own references where Terraform already manages them. Review with `terraform plan`.

# Step 1: Create security group ecr-vpce-endpoints admitting TCP 443 from 10.0.0.0/16
# why: The new interface endpoints need a security group that admits HTTPS from the workload; there is no ECR endpoint whose group could be reused.
# fixes: endpoint-ecr-dkr, endpoint-ecr-api
resource "aws_security_group" "ecr_vpce_endpoints" {
  name        = "ecr-vpce-endpoints"
  description = "HTTPS to the VPC interface endpoints (ecr-vpce)"
  vpc_id      = "vpc-healthy"
}

resource "aws_vpc_security_group_ingress_rule" "ecr_vpce_endpoints_https_10_0_0_0_16" {
  security_group_id = aws_security_group.ecr_vpce_endpoints.id
  description       = "HTTPS to the ECR endpoints (ecr-vpce)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/16"
}

# Step 2: Create an interface endpoint for com.amazonaws.us-east-1.ecr.dkr with private DNS
# why: ECR pulls from private subnets need the registry endpoint (docker pull: manifests and layer locations).
# fixes: endpoint-ecr-dkr
resource "aws_vpc_endpoint" "ecr_dkr" {
  vpc_id              = "vpc-healthy"
  service_name        = "com.amazonaws.us-east-1.ecr.dkr"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = ["subnet-app-a", "subnet-app-b"]
  security_group_ids  = [aws_security_group.ecr_vpce_endpoints.id]
}

# Step 3: Create an interface endpoint for com.amazonaws.us-east-1.ecr.api with private DNS
# why: ECR pulls from private subnets need the ECR API endpoint (GetAuthorizationToken and other API calls).
# fixes: endpoint-ecr-api
resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id              = "vpc-healthy"
  service_name        = "com.amazonaws.us-east-1.ecr.api"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = ["subnet-app-a", "subnet-app-b"]
  security_group_ids  = [aws_security_group.ecr_vpce_endpoints.id]
}

# Step 4: Create an S3 gateway endpoint on rtb-app
# why: ECR image layers are downloaded from S3; a gateway endpoint keeps them off the NAT gateway at no charge.
# fixes: endpoint-s3-gateway
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = "vpc-healthy"
  service_name      = "com.amazonaws.us-east-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = ["rtb-app"]
}
