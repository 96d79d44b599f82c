import { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonDepthExceeds, tooDeepMessage } from './json-depth';

/**
 * JSON bodies are parsed (prototype poisoning refused; an empty body is no body). Everything
 * else arrives as raw bytes: multipart/mixed statements stay binary-safe, forms keep their exact
 * text (the alternate request syntax, documents), and unknown media types reach the handlers
 * (which answer 400 naming them) instead of Fastify's 415. JSON nested deeper than
 * `maxJsonDepth` is a 400 before any handler sees it.
 */
export function registerRawBodyParsers(fastify: FastifyInstance, maxJsonDepth: number): void {
  const raw = (
    _request: FastifyRequest,
    body: Buffer,
    done: (error: Error | null, body?: Buffer) => void,
  ) => done(null, body);
  // An empty JSON body (a DELETE or GET from clients that always send the header) is no body.
  const json = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    void json(request, text, (error: Error | null, parsed?: unknown) => {
      if (error || !jsonDepthExceeds(parsed, maxJsonDepth)) return done(error, parsed);
      done(Object.assign(new Error(tooDeepMessage(maxJsonDepth)), { statusCode: 400 }));
    });
  });
  fastify.addContentTypeParser('multipart/mixed', { parseAs: 'buffer' }, raw);
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, raw);
}
