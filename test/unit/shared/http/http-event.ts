import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

export interface HttpEventInput {
  method?: string;
  path?: string;
  /** The JSON body; a string is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
  claims?: Record<string, string | number | boolean | string[]>;
  pathParameters?: Record<string, string>;
  requestId?: string;
}

export const PLAYER_CLAIMS = {
  token_use: 'access',
  sub: '6a1b2c3d-0000-4000-8000-0000000000a1',
  username: 'alice',
  'cognito:groups': '[players]',
};

/** An HTTP API (payload 2.0) request as API Gateway hands it over after its JWT authorizer accepted the token. */
export function httpEvent(input: HttpEventInput = {}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const method = input.method ?? 'POST';
  const path = input.path ?? '/interactions/complete';
  const body =
    input.body === undefined
      ? undefined
      : typeof input.body === 'string'
        ? input.body
        : JSON.stringify(input.body);
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'api.example.test',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...input.headers,
    },
    pathParameters: input.pathParameters,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api123',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'jest' },
      requestId: input.requestId ?? 'gateway-request-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '22/Nov/2026:08:15:00 +0000',
      timeEpoch: 1795335300000,
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: input.claims ?? PLAYER_CLAIMS, scopes: [] },
      },
    },
  };
}
