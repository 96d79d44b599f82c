export interface TokenBucket {
  /** Thousandths of a token: with whole-ms times and whole rates, refills stay exact integers. */
  readonly milliTokens: number;
  readonly updatedAt: number;
}

export interface RatePolicy {
  /** Tokens added per second: the sustained rate. */
  readonly perSecond: number;
  /** Most tokens the bucket holds: the burst allowed after a quiet spell. */
  readonly burst: number;
}

export interface TakeResult {
  readonly bucket: TokenBucket;
  /** 0 when a token was taken; otherwise how long until one is there. */
  readonly retryAfterMs: number;
}

const TOKEN = 1000;

/**
 * Takes one token at `now` (ms), refilling for the time since the bucket was last touched. A
 * missing bucket starts full. Pure: the caller keeps the buckets and the clock.
 */
export function takeToken(
  bucket: TokenBucket | undefined,
  now: number,
  policy: RatePolicy,
): TakeResult {
  const capacity = policy.burst * TOKEN;
  // A clock stepping back neither refills nor moves the bucket's time back.
  const at = bucket ? Math.max(now, bucket.updatedAt) : now;
  const elapsed = bucket ? at - bucket.updatedAt : 0;
  const available = bucket
    ? Math.min(capacity, bucket.milliTokens + elapsed * policy.perSecond)
    : capacity;
  if (available >= TOKEN) {
    return { bucket: { milliTokens: available - TOKEN, updatedAt: at }, retryAfterMs: 0 };
  }
  return {
    bucket: { milliTokens: available, updatedAt: at },
    retryAfterMs: Math.ceil((TOKEN - available) / policy.perSecond),
  };
}
