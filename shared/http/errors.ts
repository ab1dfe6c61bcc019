export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** The one error hierarchy of the HTTP layer: every error a caller sees is one of these, as JSON. */
export class HttpError extends Error {
  /** Extra response headers the error needs (Retry-After on a 429). */
  headers?: Record<string, string>;

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export class BadRequestError extends HttpError {
  constructor(code: string, message: string, details?: unknown) {
    super(400, code, message, details);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message = 'A valid token is required.') {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message = 'You are not allowed to do this.') {
    super(403, 'FORBIDDEN', message);
  }
}

export class NotFoundError extends HttpError {
  constructor(code: string, message: string) {
    super(404, code, message);
  }
}

export class ConflictError extends HttpError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

/** Too many attempts: the answer says when to come back, in the body and in Retry-After. */
export class TooManyRequestsError extends HttpError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(429, code, message, { retryAfterSeconds });
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}
