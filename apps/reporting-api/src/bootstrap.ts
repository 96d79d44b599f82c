import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerSecurityHeaders, validateEnv } from '@lr/config';
import { Telemetry } from '@lr/observability';
import { ReportingApiEnv } from './config/reporting-api.env';
import { ReportingApiModule } from './reporting-api.module';

export async function startReportingApi(
  rawEnv: NodeJS.ProcessEnv = process.env,
): Promise<NestFastifyApplication> {
  const env = validateEnv(ReportingApiEnv, rawEnv);
  if (!env.REPORTING_JWT_SECRET && !env.REPORTING_JWKS_URL) {
    throw new Error('set REPORTING_JWT_SECRET (development) or REPORTING_JWKS_URL (production)');
  }
  const telemetry = Telemetry.start('reporting-api', env);
  const adapter = new FastifyAdapter({ forceCloseConnections: true, trustProxy: false });
  telemetry.instrument(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    ReportingApiModule.register(env),
    adapter,
    { logger: telemetry.logger },
  );
  app.enableCors({ origin: true, exposedHeaders: ['x-correlation-id'] });
  registerSecurityHeaders(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  await app.listen(env.REPORTING_PORT, env.HOST);
  Logger.log(
    `reporting API on http://${env.HOST}:${env.REPORTING_PORT}/v1 (docs at /docs)`,
    'reporting-api',
  );
  return app;
}
