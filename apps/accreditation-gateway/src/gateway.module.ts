import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Catalogue, loadCatalogue } from '@lr/catalogue';
import { ConfigModule, HttpExceptionFilter } from '@lr/config';
import { HealthModule } from '@lr/health';
import { KafkaModule, kafkaOptionsFrom } from '@lr/messaging';
import { MongoModule } from '@lr/persistence';
import { CertificateAnnouncer } from './announce/certificate-announcer';
import { CallbacksController } from './callbacks/callbacks.controller';
import { ClaimsRepository } from './claims/claims.repository';
import { Clock } from './common/clock';
import { GatewayEnv } from './config/gateway.env';
import { AWARDING_BODY_ADAPTERS } from './dispatch/awarding-body.adapter';
import { CityAndGuildsAdapter } from './dispatch/city-and-guilds.adapter';
import { ClaimDispatcher } from './dispatch/claim-dispatcher';
import { CmiAdapter } from './dispatch/cmi.adapter';
import { WebhookClient } from './dispatch/webhook.client';
import { LearningEventsIntake } from './intake/learning-events.intake';
import { OperatorGuard } from './operators/operator.guard';
import { OperatorsController } from './operators/operators.controller';
import { LearnerKeysModule } from '@lr/xapi';

export class GatewayModule {
  static register(env: GatewayEnv) {
    @Module({
      imports: [
        ConfigModule.forRoot(env),
        KafkaModule.forRoot(kafkaOptionsFrom(env)),
        MongoModule.forRoot(env),
        LearnerKeysModule.forRoot(env),
        HealthModule.forApp({ kafka: true, mongo: true }),
      ],
      controllers: [CallbacksController, OperatorsController],
      providers: [
        { provide: Catalogue, useFactory: () => loadCatalogue(env.CATALOGUE_PATH) },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        Clock,
        ClaimsRepository,
        WebhookClient,
        CityAndGuildsAdapter,
        CmiAdapter,
        {
          provide: AWARDING_BODY_ADAPTERS,
          useFactory: (cg: CityAndGuildsAdapter, cmi: CmiAdapter) => [cg, cmi],
          inject: [CityAndGuildsAdapter, CmiAdapter],
        },
        ClaimDispatcher,
        CertificateAnnouncer,
        LearningEventsIntake,
        OperatorGuard,
      ],
    })
    class AppModule {}
    return AppModule;
  }
}
