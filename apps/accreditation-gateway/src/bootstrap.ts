import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerSecurityHeaders, validateEnv } from '@lr/config';
import { Telemetry } from '@lr/observability';
import { GatewayEnv } from './config/gateway.env';
import { GatewayModule } from './gateway.module';

export async function startGateway(
  rawEnv: NodeJS.ProcessEnv = process.env,
): Promise<NestFastifyApplication> {
  const env = validateEnv(GatewayEnv, rawEnv);
  const telemetry = Telemetry.start('accreditation-gateway', env);
  const adapter = new FastifyAdapter({ forceCloseConnections: true, trustProxy: false });
  telemetry.instrument(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(env),
    adapter,
    {
      // Callback signatures are over the exact bytes sent.
      rawBody: true,
      logger: telemetry.logger,
    },
  );
  registerSecurityHeaders(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  await app.listen(env.GATEWAY_PORT, env.HOST);
  Logger.log(`accreditation gateway on http://${env.HOST}:${env.GATEWAY_PORT}`, 'gateway');
  return app;
}
