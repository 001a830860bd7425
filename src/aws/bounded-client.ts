/**
 * Binds an SDK client to the collection's time budget, in one place rather than at every call site:
 *
 *   - every send carries the budget's abort signal (paginators call send too), so when the budget
 *     runs out in-flight requests are aborted and the SDK stops retrying;
 *   - every call is tracked while in flight, with the error its last attempt failed with, so the
 *     timeout message can say what was still pending and why.
 */
import { errorCode } from './failures';
import type { Budget } from './budget';

type Next = (args: unknown) => Promise<unknown>;
interface Context {
  clientName?: string;
  commandName?: string;
}
type Middleware = (next: Next, context: Context) => Next;

/** What every SDK client has; typed loosely because each service types its stack and send apart. */
export interface SdkClient {
  send(...args: never[]): Promise<unknown>;
  middlewareStack: unknown;
}

export function bindToBudget<C extends SdkClient>(client: C, budget: Budget): C {
  const stack = client.middlewareStack as { add(mw: Middleware, options: { step: string; priority: string; name: string }): void };
  // Outermost: one entry per call, however many attempts it takes.
  stack.add((next, context) => async (args) => {
    const done = budget.enter(callName(context));
    try {
      return await next(args);
    } finally {
      done();
    }
  }, { step: 'initialize', priority: 'high', name: 'ecrVpceBudgetInFlight' });
  // Innermost of the retry loop: sees each failed attempt (throttled, 5xx, reset).
  stack.add((next, context) => async (args) => {
    try {
      return await next(args);
    } catch (err) {
      budget.attemptFailed(callName(context), errorCode(err));
      throw err;
    }
  }, { step: 'deserialize', priority: 'high', name: 'ecrVpceBudgetAttempts' });

  const send = client.send.bind(client) as (command: unknown, options?: object) => Promise<unknown>;
  // Promise form only (the collector never passes a callback); an explicit signal still wins.
  (client as { send: unknown }).send = (command: unknown, options?: object) => send(command, { abortSignal: budget.signal, ...options });
  return client;
}

/** "EC2Client" + "DescribeSubnetsCommand" → "ec2:DescribeSubnets", as in IAM and in gaps. */
export function callName(context: Context): string {
  const service = (context.clientName ?? 'aws').replace(/Client$/, '').toLowerCase();
  return `${service}:${(context.commandName ?? 'unknown').replace(/Command$/, '')}`;
}
