import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { Catalogue, loadCatalogue } from '@lr/catalogue';
import { ConfigModule, HttpExceptionFilter } from '@lr/config';
import { HealthModule } from '@lr/health';
import { KafkaModule, kafkaOptionsFrom } from '@lr/messaging';
import { MongoModule } from '@lr/persistence';
import { AccreditationController } from './accreditation/accreditation.controller';
import { GetClaimsSummaryHandler } from './accreditation/queries/get-claims-summary.handler';
import { AnalyticsController } from './analytics/analytics.controller';
import { GetAnalyticsSummaryHandler } from './analytics/queries/get-analytics-summary.handler';
import { GetBreakdownHandler } from './analytics/queries/get-breakdown.handler';
import { GetMonthlySeriesHandler } from './analytics/queries/get-monthly-series.handler';
import { AuthGuard } from './auth/auth.guard';
import { JwksClient } from './auth/jwks.client';
import { JwtVerifier } from './auth/jwt-verifier';
import { Clock } from './common/clock';

import { ReportingApiEnv } from './config/reporting-api.env';
import { DashboardAssets } from './dashboard/dashboard-assets';
import { DashboardController } from './dashboard/dashboard.controller';
import { DocsController } from './docs/docs.controller';
import { LearnersController } from './learners/learners.controller';
import { GetDepartmentLearnersHandler } from './learners/queries/get-department-learners.handler';
import { GetLearnerProgressHandler } from './learners/queries/get-learner-progress.handler';
import { GetTeamHandler } from './learners/queries/get-team.handler';
import { LearningReadStore } from './read-models/learning-read-store';

export class ReportingApiModule {
  static register(env: ReportingApiEnv) {
    @Module({
      imports: [
        ConfigModule.forRoot(env),
        KafkaModule.forRoot(kafkaOptionsFrom(env)),
        MongoModule.forRoot(env),
        HealthModule.forApp({ kafka: false, mongo: true }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        LearnersController,
        AnalyticsController,
        AccreditationController,
        DocsController,
        DashboardController,
      ],
      providers: [
        { provide: Catalogue, useFactory: () => loadCatalogue(env.CATALOGUE_PATH) },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        Clock,
        JwksClient,
        JwtVerifier,
        LearningReadStore,
        GetLearnerProgressHandler,
        GetTeamHandler,
        GetDepartmentLearnersHandler,
        GetAnalyticsSummaryHandler,
        GetMonthlySeriesHandler,
        GetBreakdownHandler,
        GetClaimsSummaryHandler,
        DashboardAssets,
      ],
    })
    class AppModule {}
    return AppModule;
  }
}
