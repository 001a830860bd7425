// Prints the least-privilege policy (npm run iam-policy > iam-policy.json).
import { leastPrivilegePolicy } from '../src/aws/iam-policy';

process.stdout.write(`${JSON.stringify(leastPrivilegePolicy(), null, 2)}\n`);
