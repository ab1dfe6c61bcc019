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
import type { z } from 'zod';
import { type Caller, callerFrom, requireGroup } from './caller';
import { HttpError } from './errors';
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody } from './parse-body';
import { lowerCasedHeaders } from './request-headers';

export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:#-]{1,128}$/;

type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
type HttpResponse = APIGatewayProxyStructuredResultV2;
type HttpContext = Context & { correlationId: string };

export interface HttpRequest<Body> {
  body: Body;
  caller: Caller;
  correlationId: string;
  pathParameters: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  /** The request's headers, by lower-cased name. */
  headers: Record<string, string | undefined>;
  logger: Logger;
}

export interface HttpResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Takes the caller's correlation id when it is well-formed, else the gateway's request id. */
export function correlationIdMiddleware(
  logger: Logger,
): MiddlewareObj<HttpEvent, HttpResponse, Error, HttpContext> {
  return {
    before: (request) => {
      const fromHeader = request.event.headers?.[CORRELATION_HEADER];
      const correlationId =
        fromHeader && CORRELATION_ID_PATTERN.test(fromHeader)
          ? fromHeader
          : (request.event.requestContext?.requestId ?? randomUUID());
      request.context.correlationId = correlationId;
      logger.appendKeys({ correlationId });
    },
    after: (request) => {
      request.response = {
        ...request.response,
        headers: {
          ...(request.response?.headers ?? {}),
          [CORRELATION_HEADER]: request.context.correlationId,
        },
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
        : { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. It has been logged.' };
      request.response = {
        statusCode: known ? error.statusCode : 500,
        headers: {
          'content-type': 'application/json',
          ...(known ? error.headers : undefined),
          [CORRELATION_HEADER]: request.context.correlationId ?? 'unknown',
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
  /** A group the caller must be in; checked before the body, so a caller without it learns nothing (403). */
  group?: string;
}

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
    if (caller) logger.appendKeys({ userId: caller.userId });
    if (options.group) requireGroup(caller ?? { userId: '', username: '', groups: [] }, options.group);
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
      pathParameters: event.pathParameters ?? {},
      query: event.queryStringParameters ?? {},
      headers: lowerCasedHeaders(event.headers),
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
    .use(logMetrics(metrics))
    .use(correlationIdMiddleware(logger))
    .use(jsonErrorMiddleware(logger));
}
