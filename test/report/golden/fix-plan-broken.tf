# ecr-vpce fix plan for vpc-healthy (prod) in us-east-1, account 111122223333.
# From the inventory collected at 2026-11-24T12:00:00.000Z. Existing resources are referenced by id;
# use your own references where Terraform already manages them. Review with `terraform plan`.

# Step 1: Turn on enableDnsSupport for vpc-healthy
# why: Without the Amazon DNS server the VPC cannot resolve the endpoints' private DNS names, so ECR hostnames resolve to public addresses (NAT) or not at all.
# fixes: vpc-dns-support
# Set enable_dns_support = true on the aws_vpc resource that manages vpc-healthy (an attribute of that resource).

# Step 2: Turn on enableDnsHostnames for vpc-healthy
# why: Interface endpoint private DNS needs both DNS support and DNS hostnames; with hostnames off, api.ecr and dkr.ecr resolve to public addresses.
# fixes: vpc-dns-hostnames
# Set enable_dns_hostnames = true on the aws_vpc resource that manages vpc-healthy (an attribute of that resource).

# Step 3: Create an interface endpoint for com.amazonaws.us-east-1.ecr.api with private DNS
# why: ECR pulls from private subnets need the ECR API endpoint (GetAuthorizationToken and other API calls).
# fixes: endpoint-ecr-api
resource "aws_vpc_endpoint" "ecr_api" {
  vpc_id              = "vpc-healthy"
  service_name        = "com.amazonaws.us-east-1.ecr.api"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = ["subnet-app-a", "subnet-app-b"]
  security_group_ids  = ["sg-endpoints"]
}

# Step 4: Enable private DNS on the ecr.dkr endpoint vpce-dkr
# why: So that the public ecr.dkr hostname resolves to the endpoint inside the VPC.
# fixes: endpoint-private-dns
# Set private_dns_enabled = true on the aws_vpc_endpoint resource that manages vpce-dkr (an attribute of that resource).

# Step 5: Allow TCP 443 into sg-endpoints from 10.0.10.0/24, 10.0.11.0/24
# why: vpce-dkr must accept HTTPS from the tasks/pods that pull images.
# fixes: endpoint-sg-ingress-443
resource "aws_vpc_security_group_ingress_rule" "sg_endpoints_https_10_0_10_0_24" {
  security_group_id = "sg-endpoints"
  description       = "HTTPS to the ECR endpoints (ecr-vpce)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.10.0/24"
}

resource "aws_vpc_security_group_ingress_rule" "sg_endpoints_https_10_0_11_0_24" {
  security_group_id = "sg-endpoints"
  description       = "HTTPS to the ECR endpoints (ecr-vpce)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.11.0/24"
}

# Step 6: Associate vpce-s3 with rtb-app
# why: A gateway endpoint only serves the route tables it is associated with.
# fixes: s3-route-association
resource "aws_vpc_endpoint_route_table_association" "vpce_s3_rtb_app" {
  route_table_id  = "rtb-app"
  vpc_endpoint_id = "vpce-s3"
}
