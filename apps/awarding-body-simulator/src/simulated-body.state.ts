import { Injectable } from '@nestjs/common';

export interface Settled {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export interface Behaviour {
  failureRate: number;
  timeoutRate: number;
  lateAckRate: number;
  slowMs: number;
}

/**
 * What the simulated awarding bodies received, by idempotency key: every request is counted, but
 * a key takes effect once (its first successful processing); repeats get the same answer.
 */
@Injectable()
export class SimulatedBodyState {
  readonly effects = new Map<string, Settled>();
  readonly requests = new Map<string, number>();
  readonly registered = new Set<string>();
  readonly certificates = new Map<string, string>();
  badSignatures = 0;
  behaviour: Behaviour = { failureRate: 0, timeoutRate: 0, lateAckRate: 0, slowMs: 0 };
  private certificateCounter = 0;

  count(key: string): void {
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  nextCertificateNumber(body: string): string {
    this.certificateCounter += 1;
    return `${body === 'cmi' ? 'CMI' : 'CG'}-${String(this.certificateCounter).padStart(7, '0')}`;
  }

  effectsByKey(): Record<string, number> {
    return Object.fromEntries([...this.effects].map(([key, settled]) => [key, settled.status]));
  }

  summary() {
    return {
      requests: [...this.requests.values()].reduce((sum, n) => sum + n, 0),
      keys: this.requests.size,
      effects: this.effects.size,
      registrations: this.registered.size,
      certificates: this.certificates.size,
      badSignatures: this.badSignatures,
      repeatedKeys: [...this.requests.values()].filter((n) => n > 1).length,
      behaviour: this.behaviour,
      certificateNumbers: Object.fromEntries(this.certificates),
    };
  }
}
