import { takeToken, TokenBucket } from './token-bucket';

const policy = { perSecond: 10, burst: 3 };

function drain(times: number, at: number, start?: TokenBucket) {
  let bucket = start;
  const waits: number[] = [];
  for (let i = 0; i < times; i++) {
    const result = takeToken(bucket, at, policy);
    bucket = result.bucket;
    waits.push(result.retryAfterMs);
  }
  return { bucket, waits };
}

describe('takeToken', () => {
  it('lets a burst through at once, then asks the caller to wait for the next token', () => {
    const { waits } = drain(4, 0);
    expect(waits).toEqual([0, 0, 0, 100]);
  });

  it('refills at the sustained rate and never above the burst', () => {
    const { bucket } = drain(3, 0);
    expect(takeToken(bucket, 50, policy).retryAfterMs).toBe(50);
    expect(takeToken(bucket, 100, policy).retryAfterMs).toBe(0);
    const rested = drain(4, 60_000, bucket);
    expect(rested.waits).toEqual([0, 0, 0, 100]);
  });

  it('does not credit a refused request: waiting clients get tokens at the rate, no faster', () => {
    let bucket = drain(3, 0).bucket;
    let granted = 0;
    for (let t = 0; t <= 1_000; t += 10) {
      const result = takeToken(bucket, t, policy);
      bucket = result.bucket;
      if (result.retryAfterMs === 0) granted++;
    }
    expect(granted).toBe(10);
  });

  it('ignores a clock that steps backwards', () => {
    const { bucket } = drain(3, 1_000);
    expect(takeToken(bucket, 0, policy).retryAfterMs).toBe(100);
  });
});
