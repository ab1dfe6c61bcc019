import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import type { Clock } from '../clock';
import { ERRORS } from '../errors';
import { logRuntimeOnColdStart } from '../observability/logger';
import { type Caller, callerFrom, requireGroup } from './caller';
import { HttpError, UnsupportedMediaTypeError } from './errors';
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody } from './parse-body';
import { lowerCasedHeaders } from './request-headers';

export const CORRELATION_HEADER = 'x-correlation-id';
/** The id a client sent in x-correlation-id, echoed back under this name; never the trace id. */
export const CLIENT_CORRELATION_HEADER = 'x-client-correlation-id';
const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:#-]{1,128}$/;

type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
type HttpResponse = APIGatewayProxyStructuredResultV2;
type HttpContext = Context & { correlationId: string; clientCorrelationId?: string };

export interface HttpRequest<Body> {
  body: Body;
  caller: Caller;
  /** The trace id, minted by the server: it goes into every event this request causes. */
  correlationId: string;
  /** The client's own x-correlation-id, when it sent a well-formed one: logged and echoed, never traced. */
  clientCorrelationId?: string;
  pathParameters: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The request's headers, by lower-cased name. */
  headers: Record<string, string | undefined>;
  /** The caller's address as API Gateway saw it (a client cannot choose it). */
  sourceIp: string;
  logger: Logger;
}

export interface HttpResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The response headers that carry the ids: the trace id always, the client's own id when it sent one. */
function correlationHeaders(context: Partial<HttpContext>): Record<string, string> {
  return {
    [CORRELATION_HEADER]: context.correlationId ?? 'unknown',
    ...(context.clientCorrelationId ? { [CLIENT_CORRELATION_HEADER]: context.clientCorrelationId } : {}),
  };
}

/**
 * The trace id is minted here, on the server (the gateway's request id, unique per request), so no client can
 * choose the id that ties events together, or collide with another request's trace. A well-formed id the client
 * sent in x-correlation-id is kept apart: logged as clientCorrelationId and echoed in x-client-correlation-id.
 */
export function correlationIdMiddleware(
  logger: Logger,
): MiddlewareObj<HttpEvent, HttpResponse, Error, HttpContext> {
  return {
    before: (request) => {
      const fromClient = request.event.headers?.[CORRELATION_HEADER];
      const correlationId = request.event.requestContext?.requestId || randomUUID();
      const clientCorrelationId =
        fromClient && CORRELATION_ID_PATTERN.test(fromClient) ? fromClient : undefined;
      request.context.correlationId = correlationId;
      request.context.clientCorrelationId = clientCorrelationId;
      logger.appendKeys(clientCorrelationId ? { correlationId, clientCorrelationId } : { correlationId });
    },
    after: (request) => {
      request.response = {
        ...request.response,
        headers: { ...(request.response?.headers ?? {}), ...correlationHeaders(request.context) },
      };
    },
  };
}

/** Every error leaves as JSON `{code, message, details}`; anything that is not an HttpError is a bug: a logged 500. */
export function jsonErrorMiddleware(
  logger: Logger,
): MiddlewareObj<HttpEvent, HttpResponse, Error, HttpContext> {
  return {
    onError: (request) => {
      const error = request.error;
      const known = error instanceof HttpError;
      if (!known) logger.error('unhandled error', { error: error as Error });
      else
        logger.info('request rejected', {
          routeKey: request.event.routeKey,
          statusCode: error.statusCode,
          code: error.code,
        });
      const body = known
        ? error.toBody()
        : { code: 'INTERNAL_ERROR', message: ERRORS.INTERNAL_ERROR.message };
      request.response = {
        statusCode: known ? error.statusCode : 500,
        headers: {
          'content-type': 'application/json',
          ...(known ? error.headers : undefined),
          ...correlationHeaders(request.context),
        },
        body: JSON.stringify(body),
      };
    },
  };
}

export interface HttpRouteOptions<S extends z.ZodType | undefined> {
  logger: Logger;
  metrics: Metrics;
  /** The JSON body's schema; routes without one ignore the body. */
  body?: S;
  maxBodyBytes?: number;
  /** The route reads time: the clock is brought up to date before the handler runs (the test clock, locally). */
  clock?: Clock;
  /** A group the caller must be in; checked before the body, so a caller without it learns nothing (403). */
  group?: string;
  /**
   * Refuse a body not sent as `application/json` with 415 before reading it: a browser sends a cross-site form
   * post (urlencoded, multipart, text/plain) without asking the API first, but never a JSON one.
   */
  jsonOnly?: boolean;
}

const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

type BodyOf<S> = S extends z.ZodType ? z.infer<S> : undefined;

/**
 * The middy stack of every API route: logger with the Lambda context, metrics flushed as EMF, correlation id,
 * JSON errors; then the caller from the verified token and the validated body, handed to a plain function.
 */
export function httpRoute<S extends z.ZodType | undefined = undefined>(
  options: HttpRouteOptions<S>,
  handle: (request: HttpRequest<BodyOf<S>>) => Promise<HttpResult>,
) {
  return route(options, callerFrom, handle);
}

/**
 * The same stack for the few routes that have no token yet (POST /auth/sign-in): no caller. The route must be
 * declared without the JWT authorizer, and its body is never logged (nothing in this stack logs a body).
 */
export function publicHttpRoute<S extends z.ZodType | undefined = undefined>(
  options: HttpRouteOptions<S>,
  handle: (request: Omit<HttpRequest<BodyOf<S>>, 'caller'>) => Promise<HttpResult>,
) {
  return route(options, () => undefined, handle);
}

function route<S extends z.ZodType | undefined, C extends Caller | undefined>(
  options: HttpRouteOptions<S>,
  callerOf: (event: HttpEvent) => C,
  handle: (request: Omit<HttpRequest<BodyOf<S>>, 'caller'> & { caller: C }) => Promise<HttpResult>,
) {
  const { logger, metrics } = options;
  const base = async (event: HttpEvent, context: HttpContext): Promise<HttpResponse> => {
    const caller = callerOf(event);
    await options.clock?.sync();
    if (caller) logger.appendKeys({ userId: caller.userId });
    if (options.group) requireGroup(caller ?? { userId: '', username: '', groups: [] }, options.group);
    if (options.jsonOnly && !JSON_MEDIA_TYPE.test(lowerCasedHeaders(event.headers)['content-type'] ?? '')) {
      throw new UnsupportedMediaTypeError();
    }
    const body = (
      options.body
        ? parseJsonBody(
            event.body,
            event.isBase64Encoded,
            options.body,
            options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          )
        : undefined
    ) as BodyOf<S>;
    const result = await handle({
      body,
      caller,
      correlationId: context.correlationId,
      clientCorrelationId: context.clientCorrelationId,
      pathParameters: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      headers: lowerCasedHeaders(event.headers),
      sourceIp: event.requestContext?.http?.sourceIp ?? '',
      logger,
    });
    logger.info('request handled', { routeKey: event.routeKey, statusCode: result.statusCode });
    return {
      statusCode: result.statusCode,
      headers: { 'content-type': 'application/json', ...(result.headers ?? {}) },
      body: result.body === undefined ? '' : JSON.stringify(result.body),
    };
  };
  return middy<HttpEvent, HttpResponse, Error, HttpContext>(base)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logRuntimeOnColdStart(logger))
    .use(logMetrics(metrics))
    .use(correlationIdMiddleware(logger))
    .use(jsonErrorMiddleware(logger));
}
