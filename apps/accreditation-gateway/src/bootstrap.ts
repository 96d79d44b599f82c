import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerSecurityHeaders, validateEnv } from '@lr/config';
import { GatewayEnv } from './config/gateway.env';
import { GatewayModule } from './gateway.module';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export async function startGateway(
  rawEnv: NodeJS.ProcessEnv = process.env,
): Promise<NestFastifyApplication> {
  const env = validateEnv(GatewayEnv, rawEnv);
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(env),
    new FastifyAdapter({ forceCloseConnections: true, trustProxy: false }),
    {
      // Callback signatures are over the exact bytes sent.
      rawBody: true,
      logger: LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL as LogLevel) + 1),
    },
  );
  registerSecurityHeaders(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  await app.listen(env.GATEWAY_PORT, env.HOST);
  Logger.log(`accreditation gateway on http://${env.HOST}:${env.GATEWAY_PORT}`, 'gateway');
  return app;
}
