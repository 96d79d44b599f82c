import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { XapiVersion } from '@lr/xapi';
import { CORRELATION_HEADER, correlationIdFrom } from '@lr/config';
import { xapiVersionOf } from './xapi-request';
import { isAlternateRequest } from '../statements/alternate-request';

export const SUPPORTED_VERSIONS = ['1.0.3', '2.0.0'] as const;
export const VERSION_HEADER = 'x-experience-api-version';
const ACCEPTED = /^(1\.0(\.\d+)?|2\.0(\.\d+)?)$/;

/**
 * Every xAPI response carries the version: the newest patch of the line the client asked for,
 * or the configured default when it named none. Every request but /about must name one we
 * serve. A Fastify hook rather than a Nest interceptor so that auth failures carry it too.
 */
export function registerXapiVersionHook(
  fastify: FastifyInstance,
  defaultVersion: XapiVersion,
): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!request.url.startsWith('/xapi')) return done();
    const requested = request.headers[VERSION_HEADER];
    const valid = typeof requested === 'string' && ACCEPTED.test(requested.trim());
    const version = valid ? xapiVersionOf(requested) : defaultVersion;
    (request as FastifyRequest & { xapiVersion: XapiVersion }).xapiVersion = version;
    void reply.header('X-Experience-API-Version', version);
    const exempt = request.url.startsWith('/xapi/about') || request.method === 'OPTIONS';
    // Alternate-syntax requests carry their version in the form body; the controller checks it.
    const alternate = isAlternateRequest(request.method, request.query);
    if (valid || exempt || alternate) return done();
    const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
    void reply
      .status(400)
      .header(CORRELATION_HEADER, correlationId)
      .send({
        error: 'BadRequestError',
        message: `X-Experience-API-Version header must name a version of ${SUPPORTED_VERSIONS.join(' or ')}`,
        correlationId,
      });
  });
}

/** Statement responses state how far the store is consistent, errors included. */
export function registerConsistencyHook(
  fastify: FastifyInstance,
  consistentThrough: () => Date,
): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (request.url.startsWith('/xapi/statements')) {
      void reply.header('X-Experience-API-Consistent-Through', consistentThrough().toISOString());
    }
    done();
  });
}
