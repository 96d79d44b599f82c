import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Catalogue, loadCatalogue } from '@lr/catalogue';
import { QualificationAchievedHandler } from './handlers/qualification-achieved.handler';
import { LearningMetaStore } from './learning-meta.store';
import { LearningProjectionService } from './learning-projection.service';
import { LearningStore } from './learning-store';
import { TransactionalCommitter } from './transactional-committer';

/** The learning read models: progress, analytics counters, teams, and the domain events. */
@Module({})
export class LearningModule {
  static register(cataloguePath: string | undefined): DynamicModule {
    return {
      module: LearningModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: Catalogue, useFactory: () => loadCatalogue(cataloguePath) },
        LearningStore,
        LearningMetaStore,
        TransactionalCommitter,
        LearningProjectionService,
        QualificationAchievedHandler,
      ],
      exports: [LearningProjectionService, LearningStore, LearningMetaStore],
    };
  }
}
