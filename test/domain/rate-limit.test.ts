import { describe, expect, it } from "vitest";
import { TokenBuckets } from "../../src/domain/rate-limit";

describe("per-client token buckets", () => {
  it("lets a burst through, then one request per refill, and says when to come back", () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 3 });
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => buckets.take("1.2.3.4", t0).ok)).toEqual([true, true, true]);
    expect(buckets.take("1.2.3.4", t0)).toEqual({ ok: false, retryAfterS: 1 });
    expect(buckets.take("5.6.7.8", t0).ok).toBe(true); // another client has its own bucket
    expect(buckets.take("1.2.3.4", t0 + 1000).ok).toBe(true); // a second refills one token
    expect(buckets.take("1.2.3.4", t0 + 1000).ok).toBe(false);
    expect(buckets.take("1.2.3.4", t0 + 60_000).ok).toBe(true); // refilled, never above the burst
    expect([1, 2, 3].map(() => buckets.take("1.2.3.4", t0 + 60_000).ok)).toEqual([true, true, false]);
  });

  it("says how long a slow bucket takes to give the next token", () => {
    const buckets = new TokenBuckets({ perMinute: 6, burst: 1 });
    expect(buckets.take("a", 0).ok).toBe(true);
    expect(buckets.take("a", 0)).toEqual({ ok: false, retryAfterS: 10 });
    expect(buckets.take("a", 4000)).toEqual({ ok: false, retryAfterS: 6 });
  });

  it("keeps at most maxClients, forgetting the least recently seen", () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1, maxClients: 2 });
    buckets.take("a", 0);
    buckets.take("b", 0);
    buckets.take("a", 0);
    buckets.take("c", 0);
    expect(buckets.size).toBe(2);
    expect(buckets.take("a", 0).ok).toBe(false); // a was kept (seen after b)
    expect(buckets.take("b", 0).ok).toBe(true); // b was forgotten: a fresh bucket
  });
});
