import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ProducerUnavailableError } from '@lr/messaging';
import { DomainError } from './domain-errors';
import {
  CORRELATION_HEADER,
  correlationIdFrom,
  DATABASE_RETRY_AFTER_SECONDS,
  errorNameFor,
  isDatabaseUnavailable,
} from '@lr/config';

interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly correlationId: string;
}

/**
 * The one place errors become responses. Domain and HTTP errors keep their message; anything
 * else is logged with the correlation id and answered with a generic 500, never internals.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
    const { status, body, headers } = this.map(exception, correlationId);
    if (status >= 500) {
      this.logger.error(
        `${correlationId} ${request.method} ${request.url}: ${describe(exception)}`,
      );
    }
    void reply
      .status(status)
      .headers({ ...headers, [CORRELATION_HEADER]: correlationId })
      .send(body);
  }

  private map(exception: unknown, correlationId: string) {
    const respond = (
      status: number,
      error: string,
      message: string,
      headers: Record<string, string> = {},
    ) => ({
      status,
      headers,
      body: { error, message, correlationId } satisfies ErrorBody,
    });
    if (exception instanceof DomainError)
      return respond(exception.status, exception.name, exception.message, exception.headers);
    if (exception instanceof ProducerUnavailableError) {
      return respond(503, 'ServiceUnavailable', 'The event log is unavailable; retry later.', {
        'retry-after': String(exception.retryAfterSeconds),
      });
    }
    if (isDatabaseUnavailable(exception)) {
      return respond(503, 'ServiceUnavailable', 'The database is unavailable; retry later.', {
        'retry-after': String(DATABASE_RETRY_AFTER_SECONDS),
      });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return respond(status, errorNameFor(status), messageOf(exception));
    }
    if (isFastifyClientError(exception)) {
      return respond(exception.statusCode, errorNameFor(exception.statusCode), exception.message);
    }
    return respond(500, 'InternalServerError', 'Internal error; quote the correlation id.');
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Fastify's own errors for bad bodies (malformed JSON, too large) carry a 4xx statusCode. */
function isFastifyClientError(
  exception: unknown,
): exception is { statusCode: number; message: string } {
  const code = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
