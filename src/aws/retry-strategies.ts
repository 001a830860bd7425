/**
 * The retry strategies the clients use: the SDK's adaptive one with its back-off clamped to the
 * collection's time budget, and a throttling-only variant for a probe that has a fallback.
 */
import type { EC2ClientConfig } from '@aws-sdk/client-ec2';
import { AdaptiveRetryStrategy, DefaultRateLimiter, type RateLimiter } from '@smithy/core/retry';
import type { Budget } from './budget';

/** The SDK's token-based (v2) strategy interface, as the client config takes it. */
export type RetryStrategy = Extract<NonNullable<EC2ClientConfig['retryStrategy']>, { acquireInitialRetryToken: unknown }>;
type Token = Awaited<ReturnType<RetryStrategy['acquireInitialRetryToken']>>;

export const MAX_ATTEMPTS = 5;
/** The SDK's defaults: 100 ms base (500 ms after throttling, which it sets), doubled per retry, capped. */
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 20_000;

/**
 * Adaptive: a throttled client slows its own sending rate instead of hammering the API. The SDK
 * sleeps inside the strategy with a timer nothing cancels; once the budget ran out that timer
 * would hold the process open for up to 20 s, so no back-off is longer than what is left.
 */
export function adaptiveRetries(budget?: Budget, rateLimiter?: RateLimiter): RetryStrategy {
  // A scan passes the rate limiter its other collections in the region share (aws/scan.ts).
  if (!budget) return new AdaptiveRetryStrategy(MAX_ATTEMPTS, rateLimiter ? { rateLimiter } : undefined);
  unrefRateLimiterSleeps();
  let base = BASE_DELAY_MS;
  const backoff = {
    setDelayBase: (ms: number) => void (base = ms),
    // Full jitter, as the SDK's own; then clamped to the budget.
    computeNextBackoffDelay: (retry: number) =>
      Math.min(Math.floor(Math.random() * Math.min(base * 2 ** retry, MAX_DELAY_MS)), budget.remainingMs()),
  };
  return new AdaptiveRetryStrategy(MAX_ATTEMPTS, { maxAttempts: MAX_ATTEMPTS, backoff, ...(rateLimiter ? { rateLimiter } : {}) });
}

/**
 * After throttling, the adaptive rate limiter makes each send wait for a token (up to 2 s, in a
 * loop) on a timer nothing cancels either. Unref'd, that timer no longer holds the process open
 * once the budget ran out; while a collection runs, the budget's own timer keeps it alive. The
 * hook is a static the SDK keeps for its tests: if it ever goes, this is a no-op and the
 * collect-timeout test's timer check fails.
 */
function unrefRateLimiterSleeps(): void {
  const limiter = DefaultRateLimiter as unknown as { setTimeoutFn?: (fn: () => void, ms: number) => unknown };
  if (typeof limiter.setTimeoutFn === 'function') limiter.setTimeoutFn = (fn, ms) => setTimeout(fn, ms).unref();
}

/**
 * Any strategy, within the budget: no retry once it is spent, and a token's delay (for strategies
 * that let the SDK sleep, like the tests' instant one) never longer than what is left.
 */
export function withinBudget(inner: RetryStrategy, budget: Budget): RetryStrategy & { mode?: string } {
  const innerOf = new WeakMap<Token, Token>();
  const wrap = (token: Token): Token => {
    const outer: Token = {
      getRetryCount: () => token.getRetryCount(),
      getRetryDelay: () => Math.min(token.getRetryDelay(), budget.remainingMs()),
    };
    innerOf.set(outer, token);
    return outer;
  };
  const unwrap = (token: Token): Token => innerOf.get(token) ?? token;
  return {
    mode: (inner as { mode?: string }).mode,
    acquireInitialRetryToken: async (scope) => wrap(await inner.acquireInitialRetryToken(scope)),
    refreshRetryTokenForRetry: async (token, info) => {
      if (budget.remainingMs() === 0) throw new Error('time budget spent: not retried');
      return wrap(await inner.refreshRetryTokenForRetry(unwrap(token), info));
    },
    recordSuccess: (token) => inner.recordSuccess(unwrap(token)),
  };
}

/**
 * Retries throttling only. For a call with a fallback (moto answers the filtered
 * DescribeVpcEndpointServices with HTTP 500): retrying a server error there costs five back-offs
 * before the fallback that works; throttling is still waited out, the fallback would be throttled too.
 */
export function throttlingOnly(inner: RetryStrategy): RetryStrategy {
  return {
    acquireInitialRetryToken: (scope) => inner.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: async (token, info) => {
      if (info.errorType !== 'THROTTLING') throw new Error('not retried: the caller has a fallback');
      return inner.refreshRetryTokenForRetry(token, info);
    },
    recordSuccess: (token) => inner.recordSuccess(token),
  };
}
