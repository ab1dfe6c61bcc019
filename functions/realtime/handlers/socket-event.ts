import type { APIGatewayProxyResult } from 'aws-lambda';

/** What API Gateway hands a WebSocket route's function (the parts the routes read). */
export interface SocketEvent {
  requestContext: {
    connectionId: string;
    routeKey?: string;
    authorizer?: { userId?: string; principalId?: string } | null;
  };
  body?: string | null;
}

export const ok: APIGatewayProxyResult = { statusCode: 200, body: '' };

/** The user the $connect authorizer verified; every route after $connect carries it. */
export function userOf(event: SocketEvent): string | undefined {
  const authorizer = event.requestContext.authorizer;
  return authorizer?.userId ?? authorizer?.principalId ?? undefined;
}
