// Per-client token buckets for the public web pages: each client (an IP)
// may make `burst` requests at once and `perMinute` a minute on average.
// Pure but for its own map: the caller passes the time.

export type RateLimitOptions = { perMinute: number; burst: number; /** clients kept at most (oldest idle ones dropped) */ maxClients?: number };

export type Admission = { ok: true } | { ok: false; retryAfterS: number };

type Bucket = { tokens: number; at: number };

export class TokenBuckets {
  private buckets = new Map<string, Bucket>();
  private readonly ratePerMs: number;
  private readonly maxClients: number;

  constructor(private readonly options: RateLimitOptions) {
    this.ratePerMs = options.perMinute / 60_000;
    this.maxClients = options.maxClients ?? 10_000;
  }

  /** Takes one request's token for `client`, or says in how many seconds one will be there. */
  take(client: string, nowMs: number): Admission {
    const bucket = this.buckets.get(client) ?? { tokens: this.options.burst, at: nowMs };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + Math.max(0, nowMs - bucket.at) * this.ratePerMs);
    bucket.at = nowMs;
    // re-inserted: the map's order is least recently seen first
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerMs / 1000)) };
  }

  get size(): number {
    return this.buckets.size;
  }
}
