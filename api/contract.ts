import type * as z from 'zod';
import type { ErrorCode } from '../shared/errors';
import type { GroupName } from '../shared/identity';

/**
 * One route of the HTTP API, declared once: what the CDK app deploys (`Platform.addRoute` takes this), and what
 * `docs/openapi.json` says about it (`api/openapi.ts` generates the document from these, never by hand). The
 * request schemas are the very zod objects the handler validates with; the response schemas are what the
 * handler answers, checked against the handler's own types where it has one (`sameType`), and against the
 * deployed API by the fuzzer (`test/e2e/openapi-fuzz.test.ts`).
 *
 * Build time only: no function bundle imports this folder (the handlers import their request schemas from their
 * own service, and the response schemas would only weigh their bundles down).
 */
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface HeaderSpec {
  description: string;
  schema: z.ZodType;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  /** The body's schema; none: the response has no body (204). */
  body?: z.ZodType;
  /** `application/json` unless said otherwise. */
  contentType?: string;
  headers?: Record<string, HeaderSpec>;
}

/**
 * A refusal that no schema can state, of a request the document otherwise accepts: it depends on time, on what was
 * sent before, or on another system. The document lists each (`x-rules` on the operation, and in its status's
 * description), and the fuzzer accepts exactly these refusals of a schema-valid request, nothing else.
 */
export interface BusinessRule {
  code: ErrorCode;
  /** The field the answer's `details` name (a 400 always names one). */
  field?: string;
  /** The rule, as a reader of the document needs it: "must be in the future". */
  rule: string;
}

export interface RouteContract {
  method: Method;
  /** API Gateway's path, `{name}` for a path parameter (each must be in `request.path`). */
  path: string;
  /** Unique over the API; what a generated client calls the operation. */
  operationId: string;
  summary: string;
  description?: string;
  /** The system the route belongs to: the document's tag. */
  tag: string;
  /** `jwt`: an access token of the pool for the app client (the JWT authorizer); `public`: no token at all. */
  auth: 'jwt' | 'public';
  /**
   * Whether the answers carry `x-correlation-id`: every route served through `httpRoute` does; `false` for the
   * console's static function (GET /console, GET /openapi.json).
   */
  correlated?: false;
  /** The caller must be in one of these groups; the route answers 403 FORBIDDEN otherwise. */
  groups?: readonly GroupName[];
  request?: {
    /** The JSON body, as `httpRoute({ body })` validates it (400 BODY_REQUIRED, MALFORMED_JSON, BODY_TOO_LARGE, VALIDATION_FAILED). */
    body?: z.ZodType;
    /** A body that the route accepts: the document's example, and the fuzzer's first try. */
    example?: unknown;
    /** The body's size limit in bytes when it is not the default 16 KiB. */
    maxBodyBytes?: number;
    /**
     * Only an `application/json` body is read: anything else is 415 UNSUPPORTED_MEDIA_TYPE (no cross-site form
     * post). The handler passes the same flag to `httpRoute({ jsonOnly })`; the generator lists the 415.
     */
    jsonOnly?: true;
    query?: z.ZodObject;
    path?: z.ZodObject;
    headers?: z.ZodObject;
  };
  /** The answers that are not the shared JSON error body: the successes, and errors with a body of their own. */
  responses: Record<number, ResponseSpec>;
  /**
   * The error codes (shared/errors.ts) the route itself answers with, as `{code, message, details?}`. Those every
   * route of its kind has are added by the generator: 401 for a token route, 403 for one with `groups`, the body's
   * 400s, 400 VALIDATION_FAILED for one with query or header parameters, 415 for a JSON-only one, 409 and 422 for one that takes an
   * Idempotency-Key, 413 (API Gateway's payload limit) for one with a body, 429 and 500.
   */
  errors?: readonly ErrorCode[];
  /** What a request valid by the schemas may still be refused for; each code is answered, so it need not be in `errors`. */
  rules?: readonly BusinessRule[];
  /**
   * A DELETE that ends the resource's life but keeps it readable (a cancelled event, an inactive quest), as Stripe
   * keeps a cancelled subscription: the document says so (`x-soft-delete`), and the fuzzer expects no 404 after it.
   */
  softDelete?: true;
}

/** Declares a route, keeping its literal types (its schemas, its statuses). */
export function defineRoute<const R extends RouteContract>(route: R): R {
  return route;
}

/** Every optional field made required (with `| undefined`), all the way down: an extra optional field shows. */
type Exact<T> = T extends readonly (infer E)[]
  ? Exact<E>[]
  : T extends object
    ? { [K in keyof T]-?: Exact<T[K]> }
    : T;

/**
 * Compile-time proof that a response schema and the type the handler answers are the same shape (each assignable
 * to the other, optional fields included): a field added to one and not the other fails `npm run typecheck`.
 * Usage: `sameType<z.output<typeof petSchema>, PetView>(true)`.
 */
export type Same<A, B> = [Exact<A>] extends [Exact<B>]
  ? [Exact<B>] extends [Exact<A>]
    ? true
    : false
  : false;
export function sameType<A, B>(_proof: Same<A, B>): void {}
