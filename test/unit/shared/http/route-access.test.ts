import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { TooManyRequestsError } from '../../../../shared/http/errors';
import { httpRoute, publicHttpRoute } from '../../../../shared/http/http-handler';
import { lambdaContext } from '../lambda-context';
import { httpEvent } from './http-event';

const options = () => ({
  logger: new Logger({ logLevel: 'SILENT' }),
  metrics: new Metrics({ namespace: 'Test', serviceName: 'route-access-test' }),
  body: z.object({ name: z.string().min(1) }).strict(),
});
const context = lambdaContext('route-access') as Parameters<ReturnType<typeof httpRoute>>[1];
const jsonOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body ?? '');

describe('route access', () => {
  const metricsDisabled = process.env.POWERTOOLS_METRICS_DISABLED;
  beforeAll(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  });
  afterAll(() => {
    if (metricsDisabled === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = metricsDisabled;
  });

  test('a caller without the route’s group gets 403 before the body is looked at', async () => {
    const route = httpRoute({ ...options(), group: 'admins' }, async () => ({ statusCode: 201 }));

    const response = (await route(
      httpEvent({ body: { nonsense: true } }),
      context,
    )) as APIGatewayProxyStructuredResultV2;

    expect([response.statusCode, jsonOf(response).code]).toEqual([403, 'FORBIDDEN']);
  });

  test('a public route takes a request without claims and hands over no caller', async () => {
    const seen: unknown[] = [];
    const route = publicHttpRoute(options(), async (request) => {
      seen.push(request.body);
      return { statusCode: 200, body: { ok: true } };
    });
    const event = httpEvent({ body: { name: 'x' }, claims: {} });

    const response = (await route(event, context)) as APIGatewayProxyStructuredResultV2;

    expect([response.statusCode, seen]).toEqual([200, [{ name: 'x' }]]);
  });

  test('a 429 carries Retry-After beside its JSON body', async () => {
    const route = publicHttpRoute(options(), async () => {
      throw new TooManyRequestsError('TOO_MANY_ATTEMPTS', 'slow down', 17);
    });

    const response = (await route(
      httpEvent({ body: { name: 'x' } }),
      context,
    )) as APIGatewayProxyStructuredResultV2;

    expect([response.statusCode, response.headers?.['retry-after'], jsonOf(response).details]).toEqual([
      429,
      '17',
      { retryAfterSeconds: 17 },
    ]);
  });
});
