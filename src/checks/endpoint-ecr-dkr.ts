import { ecrEndpointCheck } from './ecr-endpoint';

export const endpointEcrDkr = ecrEndpointCheck({
  id: 'endpoint-ecr-dkr',
  title: 'Interface endpoint for ecr.dkr',
  service: 'ecr.dkr',
});
