import { ClaimStatus } from './claim.document';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** What one delivery attempt came back with. */
export type DeliveryResult =
  | {
      readonly kind: 'acknowledged';
      readonly httpStatus: number;
      readonly certificateNumber?: string;
    }
  | { readonly kind: 'accepted'; readonly httpStatus: number }
  | { readonly kind: 'rejected'; readonly httpStatus: number; readonly reason: string }
  | {
      readonly kind: 'failed';
      readonly httpStatus: number | null;
      readonly reason: string;
      readonly retryAfterMs?: number;
    };

export interface Decision {
  readonly status: ClaimStatus;
  readonly nextAttemptAt: Date;
  readonly outcome: 'acknowledged' | 'accepted' | 'rejected' | 'retry' | 'dead';
  readonly reason?: string;
}

/** Retryable answers: 5xx, no answer (timeouts, refused connections), 408 and 429. */
export function isRetryable(httpStatus: number | null): boolean {
  return httpStatus === null || httpStatus >= 500 || httpStatus === 408 || httpStatus === 429;
}

/**
 * The claim's next state after an attempt: acknowledged or rejected for good, sent (awaiting a
 * callback), or another try after exponential backoff with full jitter (never sooner than a
 * Retry-After), or dead once the attempts are spent. Pure: clock and randomness passed in.
 */
export function decideAfterAttempt(
  result: DeliveryResult,
  attemptsMade: number,
  policy: RetryPolicy,
  now: Date,
  random: () => number,
): Decision {
  switch (result.kind) {
    case 'acknowledged':
      return { status: 'acknowledged', nextAttemptAt: now, outcome: 'acknowledged' };
    case 'accepted':
      // Answered later on the callback; if that never comes, ask again after the longest delay.
      return {
        status: 'sent',
        nextAttemptAt: new Date(now.getTime() + policy.maxDelayMs),
        outcome: 'accepted',
      };
    case 'rejected':
      return { status: 'rejected', nextAttemptAt: now, outcome: 'rejected', reason: result.reason };
    case 'failed': {
      if (attemptsMade >= policy.maxAttempts) {
        return {
          status: 'dead',
          nextAttemptAt: now,
          outcome: 'dead',
          reason: `gave up after ${attemptsMade} attempts: ${result.reason}`,
        };
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptsMade - 1));
      const delay = Math.max(Math.floor(random() * ceiling), result.retryAfterMs ?? 0);
      return {
        status: 'pending',
        nextAttemptAt: new Date(now.getTime() + delay),
        outcome: 'retry',
        reason: result.reason,
      };
    }
  }
}
