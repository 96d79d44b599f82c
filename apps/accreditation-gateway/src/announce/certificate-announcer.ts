import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Catalogue } from '@lr/catalogue';
import { nameBasedUuid } from '@lr/learning';
import { BatchingProducer, Topics } from '@lr/messaging';
import { LearnerKey, LearnerKeyring, RECORD_TYPE_HEADER, sealWith } from '@lr/xapi';
import { ClaimDocument } from '../claims/claim.document';
import { ClaimsRepository } from '../claims/claims.repository';
import { GatewayEnv } from '../config/gateway.env';

const TICK_MS = 500;
export const CERTIFICATE_ISSUED = 'certificate-issued/v1';
const EARNED = 'http://id.tincanapi.com/verb/earned';

/**
 * Tells everyone about an acknowledged certificate: a certificate-issued event on Kafka and an
 * xAPI statement in the learner's record. Both carry ids derived from the claim, so a repeat
 * after a crash is recognised downstream (the LRS treats the same statement again as a no-op).
 */
@Injectable()
export class CertificateAnnouncer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CertificateAnnouncer.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly claims: ClaimsRepository,
    private readonly producer: BatchingProducer,
    private readonly topics: Topics,
    private readonly catalogue: Catalogue,
    private readonly env: GatewayEnv,
    private readonly keyring: LearnerKeyring,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const claims = await this.claims.unannounced(100);
      if (claims.length === 0) return;
      // One produce request and one LRS request for the lot: a thousand certificates must not
      // queue behind each other's round trips.
      const keys = await this.keyring.keysOf(claims.map((claim) => claim.learnerKey));
      await this.producer.sendAll(
        claims.map((claim) => this.eventOf(claim, keys.get(claim.learnerKey)!)),
      );
      await this.writeStatements(claims);
      for (const claim of claims) await this.claims.markAnnounced(claim._id);
    } catch (error) {
      this.logger.warn(`announcing certificates failed, retrying: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /** Sealed with the learner's key, like every record about a learner (docs/erasure.md). */
  private eventOf(claim: ClaimDocument, key: LearnerKey) {
    const event = {
      type: CERTIFICATE_ISSUED,
      eventId: claim._id,
      claimId: claim._id,
      storeId: claim.storeId,
      learnerKey: claim.learnerKey,
      qualification: claim.qualification,
      awardingBody: claim.body,
      certificateNumber: claim.certificateNumber ?? null,
      acknowledgedAt: claim.updatedAt,
    };
    const sealed = sealWith(key.key, key.keyId, JSON.stringify(event));
    return {
      topic: this.topics.accreditationEvents,
      key: key.keyId,
      partitionKey: claim.learnerKey,
      value: sealed.value,
      headers: {
        [RECORD_TYPE_HEADER]: CERTIFICATE_ISSUED,
        'event-id': claim._id,
        ...sealed.headers,
      },
    };
  }

  /**
   * Writes the certification statements in one POST. The ids derive from the claims, so a repeat
   * is a no-op; should the LRS refuse the batch as a conflict, each is sent alone and a conflict
   * (that statement is already there) counts as written.
   */
  private async writeStatements(claims: readonly ClaimDocument[]): Promise<void> {
    const statements = claims.flatMap((claim) => this.statementOf(claim));
    if (statements.length === 0) return;
    const status = await this.post(statements);
    if (status === 409) {
      for (const statement of statements) {
        const single = await this.post(statement);
        if (single !== 200 && single !== 409) throw new Error(`LRS answered ${single}`);
      }
    } else if (status !== 200) {
      throw new Error(`LRS answered ${status} to the certification statements`);
    }
  }

  private statementOf(claim: ClaimDocument): Record<string, unknown>[] {
    const qualification = this.catalogue.qualification(claim.qualification);
    const email = claim.payload.learnerEmail;
    if (!this.env.GATEWAY_LRS_URL || !qualification || typeof email !== 'string') return [];
    return [
      {
        id: nameBasedUuid(`certificate-statement|${claim._id}`),
        actor: { objectType: 'Agent', mbox: `mailto:${email}` },
        verb: { id: EARNED, display: { 'en-GB': 'earned' } },
        object: { objectType: 'Activity', id: qualification.iri },
        result: {
          success: true,
          completion: true,
          extensions: {
            'https://odp.civilservice.gov.uk/xapi/extensions/certificate': {
              awardingBody: claim.body,
              certificateNumber: claim.certificateNumber ?? null,
            },
          },
        },
        timestamp: claim.updatedAt,
      },
    ];
  }

  private async post(body: unknown): Promise<number> {
    const { GATEWAY_LRS_URL: url, GATEWAY_LRS_KEY: key, GATEWAY_LRS_SECRET: secret } = this.env;
    if (!url || !key || !secret) return 200;
    const response = await fetch(`${url.replace(/\/$/, '')}/statements`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
        'x-experience-api-version': '2.0.0',
        'content-type': 'application/json',
      },
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  }
}
