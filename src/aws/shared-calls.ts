/**
 * Facts a scan's targets have in common, read once: the account (sts:GetCallerIdentity) and, per
 * region, the S3 prefix lists and the endpoint services on offer. Without this, every VPC of a
 * scan repeats those 3–4 calls (of ~14), against the same throttling budget.
 *
 * A call is shared while in flight and after it succeeds. A failure is not shared: it may belong
 * to the caller (its time budget ran out, its request was aborted), so each target that was
 * waiting on it makes its own call, and the next target tries afresh.
 */
export class SharedCalls {
  private readonly calls = new Map<string, Promise<unknown>>();

  async get<T>(key: string, call: () => Promise<T>): Promise<T> {
    const shared = this.calls.get(key) as Promise<T> | undefined;
    if (shared) {
      // Each target gets its own copy: one inventory's data never aliases another's.
      return shared.then(structuredClone, () => call());
    }
    const mine = call();
    this.calls.set(key, mine);
    mine.catch(() => {
      if (this.calls.get(key) === mine) this.calls.delete(key);
    });
    return mine.then(structuredClone);
  }
}
