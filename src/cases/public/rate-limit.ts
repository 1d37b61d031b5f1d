/**
 * An in-memory token bucket per key (the client's IP): `capacity` requests at once, refilled at
 * one token per `refillMs`. Per process: behind several API nodes each node limits on its own,
 * which still bounds abuse of the public form. Old buckets are dropped so the map stays small.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes a token for the key; false when the bucket is empty (the caller answers 429). */
  take(key: string, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    const refilled = Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) / this.refillMs);
    const allowed = refilled >= 1;
    this.buckets.delete(key); // re-insert: the map's order is least recently used first
    this.buckets.set(key, { tokens: allowed ? refilled - 1 : refilled, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return allowed;
  }

  /** Seconds until the key has a token again (for Retry-After). */
  retryAfterSeconds(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) / this.refillMs);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * this.refillMs) / 1000);
  }
}
