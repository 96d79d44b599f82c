import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Catalogue } from '@lr/catalogue';
import { BatchingProducer, Topics } from '@lr/messaging';
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
      for (const claim of await this.claims.unannounced(50)) {
        await this.announce(claim);
        await this.claims.markAnnounced(claim._id);
      }
    } catch (error) {
      this.logger.warn(`announcing certificates failed, retrying: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }

  private async announce(claim: ClaimDocument): Promise<void> {
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
    await this.producer.send({
      topic: this.topics.accreditationEvents,
      key: claim.learnerKey,
      value: JSON.stringify(event),
      headers: { 'lr-type': CERTIFICATE_ISSUED, 'event-id': claim._id },
    });
    await this.writeStatement(claim);
  }

  private async writeStatement(claim: ClaimDocument): Promise<void> {
    const { GATEWAY_LRS_URL: url, GATEWAY_LRS_KEY: key, GATEWAY_LRS_SECRET: secret } = this.env;
    const qualification = this.catalogue.qualification(claim.qualification);
    const email = claim.payload.learnerEmail;
    if (!url || !key || !secret || !qualification || typeof email !== 'string') return;
    const statement = {
      id: uuidFrom(`certificate-statement|${claim._id}`),
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
    };
    const response = await fetch(`${url.replace(/\/$/, '')}/statements`, {
      method: 'POST',
      body: JSON.stringify(statement),
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
        'x-experience-api-version': '2.0.0',
        'content-type': 'application/json',
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok)
      throw new Error(`LRS answered ${response.status} to the certification statement`);
  }
}

function uuidFrom(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
