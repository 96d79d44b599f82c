import { Injectable } from '@nestjs/common';
import { ClaimDocument } from '../claims/claim.document';
import { AwardingBodyAdapter, OutgoingRequest } from './awarding-body.adapter';

/** City & Guilds: learner registrations and certificate claims against a qualification number. */
@Injectable()
export class CityAndGuildsAdapter implements AwardingBodyAdapter {
  readonly body = 'city-and-guilds' as const;

  toRequest(claim: ClaimDocument): OutgoingRequest {
    const p = claim.payload;
    const common = {
      claimId: claim._id,
      qualificationNumber: p.awardingBodyRef,
      candidate: {
        reference: claim.learnerKey,
        name: p.learnerName ?? null,
        email: p.learnerEmail ?? null,
      },
    };
    return claim.kind === 'registration'
      ? { path: '/registrations', body: { ...common, registeredAt: p.registeredAt } }
      : {
          path: '/certificate-claims',
          body: { ...common, achievedAt: p.achievedAt, units: p.units, credits: p.credits },
        };
  }
}
