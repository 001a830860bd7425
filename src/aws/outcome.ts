/** A call's result or its error, kept side by side so that one failure never aborts a wave. */
import type { AwsOperation } from './operations';

export type Outcome<T> = { op: AwsOperation; ok: true; value: T } | { op: AwsOperation; ok: false; error: unknown };

export async function attempt<T>(op: AwsOperation, call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { op, ok: true, value: await call() };
  } catch (error) {
    return { op, ok: false, error };
  }
}

/** Awaits a record of attempts concurrently, keeping each one's type under its key. */
export async function settle<T extends Record<string, Promise<Outcome<unknown>>>>(
  attempts: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(attempts);
  const values = await Promise.all(Object.values(attempts));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as { [K in keyof T]: Awaited<T[K]> };
}
