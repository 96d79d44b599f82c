import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerSecurityHeaders, validateEnv } from '@lr/config';
import { ProjectorEnv } from './config/projector.env';
import { ProjectorModule } from './projector.module';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Starts the projections; the HTTP side only serves health. */
export async function startProjector(
  rawEnv: NodeJS.ProcessEnv = process.env,
): Promise<NestFastifyApplication> {
  const env = validateEnv(ProjectorEnv, rawEnv);
  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorModule.register(env),
    new FastifyAdapter({ forceCloseConnections: true }),
    {
      logger: LEVELS.slice(0, LEVELS.indexOf(env.LOG_LEVEL as LogLevel) + 1),
    },
  );
  registerSecurityHeaders(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  await app.listen(env.PROJECTOR_PORT, env.HOST);
  Logger.log(
    `projector health on http://${env.HOST}:${env.PROJECTOR_PORT}/health/ready`,
    'projector',
  );
  return app;
}
