import { ecrEndpointCheck } from './ecr-endpoint';

export const endpointEcrApi = ecrEndpointCheck({
  id: 'endpoint-ecr-api',
  title: 'Interface endpoint for ecr.api',
  service: 'ecr.api',
  // Fargate platform versions up to 1.3.0 fetch the auth token through the agent path and only
  // need ecr.dkr + S3; from 1.4.0, ECS on EC2 and EKS all call the ECR API.
  appliesTo: (opts) =>
    opts.platform === 'fargate-1.3' ? 'Fargate platform version 1.3.0 and earlier do not need the ecr.api endpoint.' : undefined,
});
