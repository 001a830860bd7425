/**
 * The retry strategies the clients use: the SDK's adaptive one, bounded by the collection's time
 * budget, and a throttling-only variant for a probe whose failure has a cheaper fallback.
 */
import type { EC2ClientConfig } from '@aws-sdk/client-ec2';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { Budget } from './budget';

/** The SDK's token-based (v2) strategy interface, as the client config takes it. */
export type RetryStrategy = Extract<NonNullable<EC2ClientConfig['retryStrategy']>, { acquireInitialRetryToken: unknown }>;
type Token = Awaited<ReturnType<RetryStrategy['acquireInitialRetryToken']>>;

export const MAX_ATTEMPTS = 5;

/** Adaptive: a throttled client slows its own sending rate instead of hammering the API. */
export function adaptiveRetries(): RetryStrategy {
  return new AdaptiveRetryStrategy(MAX_ATTEMPTS);
}

/**
 * No back-off sleeps past the deadline. The SDK stops waiting when the abort signal fires, but its
 * sleep timer would still hold the process open (up to 20 s) after the budget ran out; and once
 * the budget is spent, no retry is worth starting.
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
