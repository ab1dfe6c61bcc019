import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The header that makes a retried request safe: the same key and body replay the first answer. A route that reads
 * it answers 409 REQUEST_IN_PROGRESS and 422 IDEMPOTENCY_KEY_REUSED, and its document says so (api/openapi.ts).
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * A request's headers by lower-cased name, as a route reads them. API Gateway's HTTP API already lower-cases
 * them; other callers (a test, a REST API, a proxy) may not, and a route should not have to care.
 */
export function lowerCasedHeaders(
  headers: APIGatewayProxyEventV2['headers'] | undefined,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
