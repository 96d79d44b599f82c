import {
  Global,
  INestApplicationContext,
  Module,
  ServiceUnavailableException,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KafkaProbe, WorkWatchdog } from '@lr/messaging';
import { HealthController } from './health.controller';
import { HealthModule } from './health.module';

/** What the apps' global KafkaModule provides, as far as the health endpoints use it. */
@Global()
@Module({
  providers: [WorkWatchdog, { provide: KafkaProbe, useValue: {} }],
  exports: [WorkWatchdog, KafkaProbe],
})
class KafkaStandIn {}

describe('GET /health/live', () => {
  let app: INestApplicationContext;
  let controller: HealthController;
  let watchdog: WorkWatchdog;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [KafkaStandIn, HealthModule.forApp({ kafka: true, mongo: false, stuckWorkMs: 50 })],
    }).compile();
    app = await moduleRef.init();
    controller = app.get(HealthController);
    watchdog = app.get(WorkWatchdog);
  });

  afterEach(() => app.close());

  it('is up while consumer work finishes in time', async () => {
    await watchdog.watch('store 0', () => Promise.resolve());
    await expect(controller.live()).resolves.toMatchObject({ status: 'ok' });
  });

  it('is down, naming the attempt, once one has run longer than the limit', async () => {
    let finish!: () => void;
    const hung = watchdog.watch(
      'store topic/2',
      () => new Promise<void>((done) => (finish = done)),
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    const failure = await controller.live().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ServiceUnavailableException);
    expect(JSON.stringify((failure as ServiceUnavailableException).getResponse())).toContain(
      'store topic/2',
    );
    finish();
    await hung;
    await expect(controller.live()).resolves.toMatchObject({ status: 'ok' });
  });
});
