import { AppError, ERRORS, type ErrorCode } from '../errors';

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** The errors a caller sees: an AppError with its HTTP status, sent as JSON `{code, message, details}`. */
export class HttpError extends AppError {
  /** Extra response headers the error needs (Retry-After on a 429). */
  headers?: Record<string, string>;

  constructor(
    readonly statusCode: number,
    code: string,
    message: string,
    details?: unknown,
  ) {
    super(code, message, details);
  }

  /** The error the list (shared/errors.ts) names: its status and message, or a more specific message. */
  static of(code: ErrorCode, details?: unknown, message?: string): HttpError {
    const known = ERRORS[code];
    return new HttpError(known.status, code, message ?? known.message, details);
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export class BadRequestError extends HttpError {
  constructor(code: ErrorCode, message: string = ERRORS[code].message, details?: unknown) {
    super(400, code, message, details);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(message: string = ERRORS.UNAUTHORIZED.message) {
    super(401, 'UNAUTHORIZED', message);
  }
}

export class ForbiddenError extends HttpError {
  constructor(message: string = ERRORS.FORBIDDEN.message) {
    super(403, 'FORBIDDEN', message);
  }
}

export class NotFoundError extends HttpError {
  constructor(code: ErrorCode, message: string = ERRORS[code].message) {
    super(404, code, message);
  }
}

export class ConflictError extends HttpError {
  constructor(code: ErrorCode, message: string = ERRORS[code].message, details?: unknown) {
    super(409, code, message, details);
  }
}

/** The body is not declared as JSON (a form post from another site, say): refused before it is read. */
export class UnsupportedMediaTypeError extends HttpError {
  constructor(message: string = ERRORS.UNSUPPORTED_MEDIA_TYPE.message) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}

/** Too many attempts: the answer says when to come back, in the body and in Retry-After. */
export class TooManyRequestsError extends HttpError {
  constructor(code: ErrorCode, message: string = ERRORS[code].message, retryAfterSeconds = 1) {
    super(429, code, message, { retryAfterSeconds });
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}
