import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { errorNameFor } from './error-name';

/**
 * HTTP errors keep their message; an unreachable database is 503 with Retry-After; anything
 * else is a generic 500 with a correlation id.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
    let status = 500;
    let error = 'InternalServerError';
    let message = 'Internal error; quote the correlation id.';
    const headers: Record<string, string> = { [CORRELATION_HEADER]: correlationId };
    if (isDatabaseUnavailable(exception)) {
      status = 503;
      error = 'ServiceUnavailable';
      message = 'The database is unavailable; retry later.';
      headers['retry-after'] = String(DATABASE_RETRY_AFTER_SECONDS);
      this.logger.warn(`${correlationId} ${request.method} ${request.url}: ${String(exception)}`);
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      error = errorNameFor(status);
      message = messageOf(exception);
    } else {
      const text =
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${correlationId} ${request.method} ${request.url}: ${text}`);
    }
    void reply.status(status).headers(headers).send({ error, message, correlationId });
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
