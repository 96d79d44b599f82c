import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Catalogue } from '@lr/catalogue';
import { claimIdOf, registrationClaimIdOf } from '@lr/learning';
import { assertMayReadLearner } from '../../auth/scope-policy';
import { LearningReadStore } from '../../read-models/learning-read-store';
import { LearnerProgressDto, toLearnerProgressDto } from '../learner-progress.dto';
import { GetLearnerProgressQuery } from './get-learner-progress.query';

@QueryHandler(GetLearnerProgressQuery)
export class GetLearnerProgressHandler implements IQueryHandler<GetLearnerProgressQuery> {
  constructor(
    private readonly store: LearningReadStore,
    private readonly catalogue: Catalogue,
  ) {}

  async execute({ viewer, learnerKey }: GetLearnerProgressQuery): Promise<LearnerProgressDto> {
    const learner = await this.store.learner(learnerKey);
    // Not found only once the viewer could have seen it: a 404 must not reveal who exists.
    if (!learner) {
      if (viewer.role === 'profession-admin' || viewer.learnerKey === learnerKey) {
        throw new NotFoundException('no progress recorded for this learner');
      }
      throw new ForbiddenException('outside your reporting scope');
    }
    assertMayReadLearner(viewer, learner);
    const claims = await this.store.claimOutcomes(
      learner.qualifications.flatMap((q) => [
        claimIdOf(learner._id, q.qualification),
        registrationClaimIdOf(learner._id, q.qualification),
      ]),
    );
    return toLearnerProgressDto(learner, this.catalogue, claims);
  }
}
