/**
 * The least-privilege IAM policy, generated from the operations table so it cannot drift from
 * what the collector calls. `npm run iam-policy` writes iam-policy.json; a test compares them.
 */
import { ALL_LISTING_OPERATIONS, ALL_OPERATIONS } from './operations';

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }>;
}

export function leastPrivilegePolicy(): IamPolicy {
  // Describe/Get/List calls of these services do not support resource-level permissions: "*".
  const actions = [...new Set([...ALL_OPERATIONS, ...ALL_LISTING_OPERATIONS].map((op) => op.iamAction))].sort();
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'EcrVpceDoctorReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}
