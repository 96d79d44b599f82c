import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule, InvalidConfigError, registerSecurityHeaders, validateEnv } from '@lr/config';
import { Telemetry } from '@lr/observability';
import { SimulatedBodyController } from './simulated-body.controller';
import { SimulatedBodyState } from './simulated-body.state';
import { SimulatorEnv } from './simulator.env';

async function main(): Promise<void> {
  const env = validateEnv(SimulatorEnv, process.env);
  @Module({
    imports: [ConfigModule.forRoot(env)],
    controllers: [SimulatedBodyController],
    providers: [SimulatedBodyState],
  })
  class SimulatorModule {}
  const telemetry = Telemetry.start('awarding-body-simulator', env);
  const adapter = new FastifyAdapter({ forceCloseConnections: true });
  telemetry.instrument(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(SimulatorModule, adapter, {
    rawBody: true,
    logger: telemetry.logger,
  });
  app.get(SimulatedBodyState).behaviour = {
    failureRate: env.SIM_FAILURE_RATE,
    timeoutRate: env.SIM_TIMEOUT_RATE,
    lateAckRate: env.SIM_LATE_ACK_RATE,
    slowMs: env.SIM_SLOW_MS,
  };
  registerSecurityHeaders(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  await app.listen(env.SIMULATOR_PORT, env.HOST);
  Logger.log(`awarding-body simulator on http://${env.HOST}:${env.SIMULATOR_PORT}`, 'simulator');
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
