/**
 * The time budget of one collection (--timeout): one AbortController whose signal every SDK call
 * carries, a deadline the retry back-offs are clamped to, and the calls still in flight, so that
 * the message when the budget runs out says what was being waited for.
 */
import { setMaxListeners } from 'node:events';
import { DiagnoseError } from '../util/errors';
import { formatBudget } from '../util/timeout';
import { isThrottling } from './failures';

/** Shown in the message at most; the rest are counted. */
const MAX_NAMED = 6;

interface InFlight {
  count: number;
  /** The error code of the last failed attempt: the call is being retried after it. */
  lastError?: string;
}

export class Budget {
  private readonly controller = new AbortController();
  private readonly deadline: number;
  private readonly timer: NodeJS.Timeout;
  private readonly expired: Promise<never>;
  /** By call name ("ec2:DescribeSubnets"), in the order they started. */
  private readonly inFlight = new Map<string, InFlight>();

  constructor(readonly ms: number) {
    this.deadline = Date.now() + ms;
    let expire!: (err: DiagnoseError) => void;
    this.expired = new Promise<never>((_, reject) => (expire = reject));
    this.expired.catch(() => {}); // observed through race(); never an unhandled rejection
    this.timer = setTimeout(() => {
      // The message first: aborting settles the calls, which then leave the in-flight list.
      const err = this.timeoutError();
      expire(err);
      this.controller.abort(err);
    }, ms);
    // One signal shared by every call of the collection, by design: not a listener leak.
    setMaxListeners(0, this.controller.signal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingMs(): number {
    // The timer runs on the monotonic clock and may fire a millisecond before Date.now() reaches
    // the deadline: once it has fired, the budget is spent whatever the wall clock says.
    if (this.controller.signal.aborted) return 0;
    return Math.max(0, this.deadline - Date.now());
  }

  /** Marks one call in flight; the returned function marks it done. */
  enter(name: string): () => void {
    const entry = this.inFlight.get(name) ?? { count: 0 };
    entry.count++;
    this.inFlight.set(name, entry);
    return () => {
      if (--entry.count === 0) this.inFlight.delete(name);
    };
  }

  /** One attempt of an in-flight call failed (the SDK may retry it). */
  attemptFailed(name: string, code: string): void {
    const entry = this.inFlight.get(name);
    if (entry) entry.lastError = code;
  }

  /** The work, or the timeout DiagnoseError as soon as the budget runs out, whichever comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.expired]);
  }

  /** Stops the clock (the collection is over either way). */
  dispose(): void {
    clearTimeout(this.timer);
  }

  private timeoutError(): DiagnoseError {
    const calls = [...this.inFlight].map(([name, e]) => `${name}${e.count > 1 ? ` ×${e.count}` : ''}${e.lastError ? ` (retrying after ${e.lastError})` : ''}`);
    const more = calls.length > MAX_NAMED ? ` and ${calls.length - MAX_NAMED} more` : '';
    const waiting = calls.length > 0 ? `still waiting for ${calls.slice(0, MAX_NAMED).join(', ')}${more}` : 'no AWS call had answered yet';
    const throttled = [...this.inFlight.values()].some((e) => e.lastError !== undefined && isThrottling(e.lastError));
    const hint = throttled
      ? 'AWS is throttling these calls: try again later, or raise --timeout'
      : 'The API is slow or not answering: check the network or --endpoint-url, or raise --timeout';
    return new DiagnoseError(`Gave up after the ${formatBudget(this.ms)} time budget (--timeout): ${waiting}. ${hint}.`, 'timeout');
  }
}
