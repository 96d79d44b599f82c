import { Injectable } from '@nestjs/common';
import { ClaimDocument } from '../claims/claim.document';
import { AwardingBodyAdapter, OutgoingRequest } from './awarding-body.adapter';

/** The CMI: enrolments and awards, keyed by its own qualification reference. */
@Injectable()
export class CmiAdapter implements AwardingBodyAdapter {
  readonly body = 'cmi' as const;

  toRequest(claim: ClaimDocument): OutgoingRequest {
    const p = claim.payload;
    const learner = {
      id: claim.learnerKey,
      fullName: p.learnerName ?? null,
      email: p.learnerEmail ?? null,
    };
    return claim.kind === 'registration'
      ? {
          path: '/enrolments',
          body: {
            requestId: claim._id,
            qualificationRef: p.awardingBodyRef,
            learner,
            enrolledOn: p.registeredAt,
          },
        }
      : {
          path: '/awards',
          body: {
            requestId: claim._id,
            qualificationRef: p.awardingBodyRef,
            learner,
            completedOn: p.achievedAt,
            creditsAchieved: p.credits,
            units: p.units,
          },
        };
  }
}
