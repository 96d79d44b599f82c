/** Errors the API maps to statuses; their messages are safe to show to the client. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** Response headers that belong to the error, such as Retry-After. */
  readonly headers: Readonly<Record<string, string>> = {};
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  readonly status = 400;
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
}

export class NotFoundError extends DomainError {
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class PreconditionFailedError extends DomainError {
  readonly status = 412;
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  override readonly headers: Readonly<Record<string, string>>;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}
