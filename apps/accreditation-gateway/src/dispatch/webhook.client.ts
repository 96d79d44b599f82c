import { Injectable } from '@nestjs/common';
import { signWebhook, SIGNATURE_HEADER } from '@lr/learning';
import { DeliveryResult, isRetryable } from '../claims/retry-decision';

/** Sends one signed webhook and classifies the answer; the HTTP edge, replaced in unit tests. */
@Injectable()
export class WebhookClient {
  async deliver(
    url: string,
    body: Readonly<Record<string, unknown>>,
    idempotencyKey: string,
    secret: string,
    timeoutMs: number,
    now: Date,
  ): Promise<DeliveryResult> {
    const text = JSON.stringify(body);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body: text,
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          [SIGNATURE_HEADER]: signWebhook(text, secret, now),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? 'timed out'
          : `no answer: ${String(error)}`;
      return { kind: 'failed', httpStatus: null, reason };
    }
    const answer = await response.text().catch(() => '');
    if (response.status === 200 || response.status === 201) {
      return { kind: 'acknowledged', httpStatus: response.status, ...certificateOf(answer) };
    }
    if (response.status === 202) return { kind: 'accepted', httpStatus: 202 };
    if (isRetryable(response.status)) {
      const retryAfter = Number(response.headers.get('retry-after'));
      return {
        kind: 'failed',
        httpStatus: response.status,
        reason: `answered ${response.status}`,
        ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    }
    return {
      kind: 'rejected',
      httpStatus: response.status,
      reason: `answered ${response.status}: ${answer.slice(0, 200)}`,
    };
  }
}

function certificateOf(answer: string): { certificateNumber?: string } {
  try {
    const parsed = JSON.parse(answer) as { certificateNumber?: unknown };
    return typeof parsed.certificateNumber === 'string'
      ? { certificateNumber: parsed.certificateNumber }
      : {};
  } catch {
    return {};
  }
}
