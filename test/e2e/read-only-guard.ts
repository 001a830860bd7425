/**
 * The read-only proof: every CLI run in the end-to-end suite goes through a recording proxy in
 * front of the emulator (see runCli), and every AWS operation it sends must be a read:
 * Describe*, Get*, List* (sts:GetCallerIdentity included). Anything else fails that test.
 */
import type { RecordedRequest } from './recording-proxy';

const READ_ONLY = /^(Describe|Get|List|BatchGet)[A-Z]/;

/** The operation name of a wire request, whatever the protocol. */
export function operationOf(r: RecordedRequest): string {
  const action = r.params.get('Action');
  if (action) return action; // EC2, STS, CloudWatch query protocol
  if (r.target) return r.target.split('.').pop() ?? r.target; // awsJson (ECR, ECS, CloudWatch JSON)
  const rpc = /\/operation\/([A-Za-z]+)/.exec(r.path);
  if (rpc) return rpc[1]; // Smithy RPC v2 (CBOR)
  return `${r.method} ${r.path.split('?')[0]}`; // REST (EKS): judged by its method
}

export function isReadOnly(r: RecordedRequest): boolean {
  const op = operationOf(r);
  if (op.startsWith('GET ') || op.startsWith('HEAD ')) return true;
  return READ_ONLY.test(op);
}

/** Every operation seen across this process's CLI runs: the suite's ledger. */
export const observedOperations = new Set<string>();

export function assertReadOnly(requests: readonly RecordedRequest[], what: string): void {
  for (const r of requests) observedOperations.add(operationOf(r));
  const writes = requests.filter((r) => !isReadOnly(r)).map(operationOf);
  if (writes.length > 0) {
    throw new Error(`read-only violation: \`${what}\` sent ${[...new Set(writes)].join(', ')} to AWS`);
  }
}
