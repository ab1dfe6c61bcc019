import type { APIGatewayProxyResult } from 'aws-lambda';

/** What API Gateway hands a WebSocket route's function (the parts the routes read). */
export interface SocketEvent {
  requestContext: {
    connectionId: string;
    routeKey?: string;
    authorizer?: { userId?: string; principalId?: string; tokenExpiresAt?: string | number } | null;
  };
  body?: string | null;
}

export const ok: APIGatewayProxyResult = { statusCode: 200, body: '' };

/** The user the $connect authorizer verified; every route after $connect carries it. */
export function userOf(event: SocketEvent): string | undefined {
  const authorizer = event.requestContext.authorizer;
  return authorizer?.userId ?? authorizer?.principalId ?? undefined;
}

/**
 * When the token the connection was opened with expires (epoch seconds), as the authorizer passed it on; 0 (already
 * expired) for a connection opened before the authorizer passed it, so that one is closed and reopened.
 */
export function tokenExpiryOf(event: SocketEvent): number {
  const value = Number(event.requestContext.authorizer?.tokenExpiresAt);
  return Number.isFinite(value) ? value : 0;
}
