import { AsyncLocalStorage } from 'node:async_hooks';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

const current = new AsyncLocalStorage<Record<string, string | undefined>>();

/**
 * httpRoute hands a route its body, caller and query, not its headers; the orders route needs one
 * (Idempotency-Key). This wrapper keeps the request's headers in reach for the duration of the call, without
 * changing the shared HTTP layer.
 */
export function withRequestHeaders<Rest extends unknown[], R>(
  route: (event: APIGatewayProxyEventV2WithJWTAuthorizer, ...rest: Rest) => R,
): (event: APIGatewayProxyEventV2WithJWTAuthorizer, ...rest: Rest) => R {
  return (event, ...rest) => current.run(event.headers ?? {}, () => route(event, ...rest));
}

/** A header of the request being handled; API Gateway lower-cases header names. */
export function requestHeader(name: string): string | undefined {
  return current.getStore()?.[name.toLowerCase()];
}
