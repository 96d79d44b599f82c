import { decideAfterAttempt, isRetryable, RetryPolicy } from './retry-decision';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
const NOW = new Date('2026-11-23T10:00:00Z');
const later = (decisionAt: Date) => decisionAt.getTime() - NOW.getTime();

describe('decideAfterAttempt', () => {
  it('retries 5xx, timeouts, 408 and 429 and nothing else', () => {
    expect([500, 503, null, 408, 429].every(isRetryable)).toBe(true);
    expect([400, 401, 404, 409, 422].some(isRetryable)).toBe(false);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const failed = { kind: 'failed', httpStatus: 503, reason: 'busy' } as const;
    expect(later(decideAfterAttempt(failed, 1, policy, NOW, () => 0.999).nextAttemptAt)).toBe(99);
    expect(later(decideAfterAttempt(failed, 3, policy, NOW, () => 0.999).nextAttemptAt)).toBe(399);
    expect(later(decideAfterAttempt(failed, 4, policy, NOW, () => 0.999).nextAttemptAt)).toBe(799);
    expect(later(decideAfterAttempt(failed, 4, policy, NOW, () => 0).nextAttemptAt)).toBe(0);
    expect(decideAfterAttempt(failed, 2, policy, NOW, () => 0.5).status).toBe('pending');
  });

  it('honours Retry-After above the drawn delay', () => {
    const result = {
      kind: 'failed',
      httpStatus: 429,
      reason: 'slow down',
      retryAfterMs: 5_000,
    } as const;
    expect(later(decideAfterAttempt(result, 1, policy, NOW, () => 0.5).nextAttemptAt)).toBe(5_000);
  });

  it('dead-letters once the attempts are spent, with the reason', () => {
    const decision = decideAfterAttempt(
      { kind: 'failed', httpStatus: null, reason: 'timed out' },
      5,
      policy,
      NOW,
      Math.random,
    );
    expect(decision).toMatchObject({ status: 'dead', outcome: 'dead' });
    expect(decision.reason).toBe('gave up after 5 attempts: timed out');
  });

  it('settles acknowledgements and rejections for good, and waits for a callback after 202', () => {
    expect(
      decideAfterAttempt({ kind: 'acknowledged', httpStatus: 200 }, 1, policy, NOW, Math.random)
        .status,
    ).toBe('acknowledged');
    expect(
      decideAfterAttempt(
        { kind: 'rejected', httpStatus: 422, reason: 'no' },
        1,
        policy,
        NOW,
        Math.random,
      ).status,
    ).toBe('rejected');
    const accepted = decideAfterAttempt(
      { kind: 'accepted', httpStatus: 202 },
      1,
      policy,
      NOW,
      Math.random,
    );
    expect(accepted.status).toBe('sent');
    expect(later(accepted.nextAttemptAt)).toBe(1_000);
  });
});
