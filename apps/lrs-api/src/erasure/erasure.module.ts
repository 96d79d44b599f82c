import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock } from '../common/clock';
import { CredentialsModule } from '../credentials/credentials.module';
import { PeopleRepository } from '../people/people.repository';
import { ConsumerProgress } from './consumer-progress';
import { EraseLearnerHandler } from './erase-learner.handler';
import { ErasureController } from './erasure.controller';
import { ErasureRepository } from './erasure.repository';

@Module({
  imports: [CqrsModule, CredentialsModule],
  controllers: [ErasureController],
  providers: [Clock, PeopleRepository, ConsumerProgress, ErasureRepository, EraseLearnerHandler],
})
export class ErasureModule {}
