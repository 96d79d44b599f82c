import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, correlationIdFrom } from './correlation-id';
import { errorNameFor } from './error-name';

/** HTTP errors keep their message; anything else is a generic 500 with a correlation id. */
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
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      error = errorNameFor(status);
      message = messageOf(exception);
    } else {
      const text =
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${correlationId} ${request.method} ${request.url}: ${text}`);
    }
    void reply
      .status(status)
      .header(CORRELATION_HEADER, correlationId)
      .send({ error, message, correlationId });
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
