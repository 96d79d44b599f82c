import { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Bodies other than JSON arrive as raw bytes: multipart/mixed statements are binary-safe that
 * way, and every other media type reaches the handlers (which answer 400 naming it) instead of
 * Fastify's 415.
 */
export function registerRawBodyParsers(fastify: FastifyInstance): void {
  const raw = (
    _request: FastifyRequest,
    body: Buffer,
    done: (error: Error | null, body?: Buffer) => void,
  ) => done(null, body);
  fastify.addContentTypeParser('multipart/mixed', { parseAs: 'buffer' }, raw);
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, raw);
}
