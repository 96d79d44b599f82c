import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Headers every response of every app carries. The APIs answer JSON to scripts, so nothing may
 * frame them, sniff them or leak the page that called them. Cross-Origin-Resource-Policy only
 * governs no-cors loads (img, script): browser-launched xAPI content calls the LRS with CORS
 * fetches, which it does not touch. Strict-Transport-Security is ignored over plain http and
 * protects whatever terminates TLS in front of the apps.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/**
 * Added as each reply is sent, so 404s, auth failures, body-parser errors, CORS preflights and
 * answers from other hooks carry them as well as the handlers' replies. A header a route set
 * itself is kept.
 */
export function registerSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook(
    'onSend',
    (_request: FastifyRequest, reply: FastifyReply, payload: unknown, done: OnSendDone) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        if (!reply.hasHeader(name)) void reply.header(name, value);
      }
      done(null, payload);
    },
  );
}

type OnSendDone = (error: Error | null, payload: unknown) => void;
