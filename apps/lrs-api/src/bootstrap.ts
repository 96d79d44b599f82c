import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerSecurityHeaders, validateEnv } from '@lr/config';
import { Telemetry } from '@lr/observability';
import { LrsApiModule } from './app.module';
import { registerConsistencyHook, registerXapiVersionHook } from './common/xapi-version';
import { ConsistencyTracker } from './statements/consistency-tracker';
import { LrsApiEnv } from './config/lrs-api.env';
import { registerRawBodyParsers } from './common/raw-body-parsers';

/** Builds and starts the LRS; returns the app so tests and main can close it. */
export async function startLrsApi(
  rawEnv: NodeJS.ProcessEnv = process.env,
): Promise<NestFastifyApplication> {
  const env = validateEnv(LrsApiEnv, rawEnv);
  const telemetry = Telemetry.start('lrs-api', env);
  const adapter = new FastifyAdapter({
    bodyLimit: env.LRS_MAX_BODY_BYTES,
    trustProxy: false,
    // Keep-alive clients must not hold a shutdown up.
    forceCloseConnections: true,
  });
  telemetry.instrument(adapter.getInstance());
  registerXapiVersionHook(adapter.getInstance(), env.LRS_DEFAULT_XAPI_VERSION);
  registerSecurityHeaders(adapter.getInstance());
  registerRawBodyParsers(adapter.getInstance(), env.LRS_MAX_JSON_DEPTH);
  const app = await NestFactory.create<NestFastifyApplication>(
    LrsApiModule.register(env),
    adapter,
    {
      // Body parsers are ours (registerRawBodyParsers): Nest's would turn forms into objects
      // and refuse empty JSON bodies.
      bodyParser: false,
      logger: telemetry.logger,
    },
  );
  app.enableCors({
    origin: true,
    credentials: true,
    exposedHeaders: [
      'X-Experience-API-Version',
      'X-Experience-API-Consistent-Through',
      'ETag',
      'Last-Modified',
    ],
  });
  const tracker = app.get(ConsistencyTracker);
  registerConsistencyHook(adapter.getInstance(), () => tracker.cached());
  app.enableShutdownHooks();
  await app.listen(env.LRS_PORT, env.HOST);
  Logger.log(`LRS listening on http://${env.HOST}:${env.LRS_PORT}/xapi`, 'lrs-api');
  return app;
}
