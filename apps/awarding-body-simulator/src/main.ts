import 'reflect-metadata';
import { Logger, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule, InvalidConfigError, registerSecurityHeaders, validateEnv } from '@lr/config';
import { SimulatedBodyController } from './simulated-body.controller';
import { SimulatedBodyState } from './simulated-body.state';
import { SimulatorEnv } from './simulator.env';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function main(): Promise<void> {
  const env = validateEnv(SimulatorEnv, process.env);
  @Module({
    imports: [ConfigModule.forRoot(env)],
    controllers: [SimulatedBodyController],
    providers: [SimulatedBodyState],
  })
  class SimulatorModule {}
  const app = await NestFactory.create<NestFastifyApplication>(
    SimulatorModule,
    new FastifyAdapter({ forceCloseConnections: true }),
    {
      rawBody: true,
      logger: LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL as LogLevel) + 1),
    },
  );
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
