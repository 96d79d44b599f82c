import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { XapiVersion } from '@lr/xapi';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';
import { xapiVersionOf } from './xapi-request';

export const SUPPORTED_VERSIONS = ['1.0.3', '2.0.0'] as const;
export const VERSION_HEADER = 'x-experience-api-version';
const ACCEPTED = /^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/;

/**
 * Every xAPI response carries the version; every request but /about must name one we serve.
 * A Fastify hook rather than a Nest interceptor so that even auth failures carry the header.
 */
export function registerXapiVersionHook(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!request.url.startsWith('/xapi')) return done();
    void reply.header('X-Experience-API-Version', '2.0.0');
    const requested = request.headers[VERSION_HEADER];
    if (request.url.startsWith('/xapi/about') || request.method === 'OPTIONS') return done();
    if (typeof requested !== 'string' || !ACCEPTED.test(requested.trim())) {
      const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
      void reply
        .status(400)
        .header(CORRELATION_HEADER, correlationId)
        .send({
          error: 'BadRequestError',
          message: `X-Experience-API-Version header must be one of ${SUPPORTED_VERSIONS.join(', ')}`,
          correlationId,
        });
      return;
    }
    (request as FastifyRequest & { xapiVersion: XapiVersion }).xapiVersion =
      xapiVersionOf(requested);
    done();
  });
}
