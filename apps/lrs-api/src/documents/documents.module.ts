import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CredentialsModule } from '../credentials/credentials.module';
import { ActivitiesController, AgentsController } from './agents-and-activities.controller';
import {
  ActivityProfileController,
  AgentProfileController,
  StateController,
} from './document-resources.controller';
import { DocumentsEndpoint } from './documents.endpoint';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { PeopleRepository } from '../people/people.repository';

@Module({
  imports: [CredentialsModule],
  // Profile routes first: /activities/profile must not be taken for /activities.
  controllers: [
    StateController,
    ActivityProfileController,
    AgentProfileController,
    AgentsController,
    ActivitiesController,
  ],
  providers: [Clock, DocumentsRepository, DocumentsService, DocumentsEndpoint, PeopleRepository],
})
export class DocumentsModule {}
