import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerSecurityHeaders, validateEnv } from '@lr/config';
import { Telemetry } from '@lr/observability';
import { ProjectorEnv } from './config/projector.env';
import { ProjectorModule } from './projector.module';

/** Starts the projections; the HTTP side only serves health and metrics. */
export async function startProjector(
  rawEnv: NodeJS.ProcessEnv = process.env,
): Promise<NestFastifyApplication> {
  const env = validateEnv(ProjectorEnv, rawEnv);
  const telemetry = Telemetry.start('projector', env);
  const adapter = new FastifyAdapter({ forceCloseConnections: true });
  telemetry.instrument(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorModule.register(env),
    adapter,
    { logger: telemetry.logger },
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
