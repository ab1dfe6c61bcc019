import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { signInBody } from '../../../../functions/auth/handlers/input';
import { publicHttpRoute } from '../../../../shared/http/http-handler';
import { lambdaContext } from '../lambda-context';
import { type HttpEventInput, httpEvent } from './http-event';

/** A public JSON-only route with the sign-in body, as POST /auth/sign-in declares it. */
function jsonOnlyRoute() {
  const reached: unknown[] = [];
  const handler = publicHttpRoute(
    {
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'route-test' }),
      body: signInBody,
      jsonOnly: true,
    },
    async (request) => {
      reached.push(request);
      return { statusCode: 200, body: { sourceIp: request.sourceIp } };
    },
  );
  const call = async (input: HttpEventInput) =>
    (await handler(
      httpEvent({ path: '/auth/sign-in', ...input }),
      lambdaContext('sign-in') as Parameters<typeof handler>[1],
    )) as APIGatewayProxyStructuredResultV2;
  return { call, reached };
}

describe('a JSON-only route', () => {
  beforeAll(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  });

  test.each([
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/plain',
    'application/jsonp',
  ])('refuses a body sent as %s with 415 and a JSON error, before reading it', async (type) => {
    const route = jsonOnlyRoute();

    const response = await route.call({
      body: 'username=alice&password=x',
      headers: { 'content-type': type },
    });

    expect(response.statusCode).toBe(415);
    expect(JSON.parse(response.body ?? '')).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringContaining('application/json'),
    });
    expect(route.reached).toEqual([]);
  });

  test('takes application/json, with or without a charset, and hands on the gateway’s source address', async () => {
    const route = jsonOnlyRoute();
    const body = { username: 'alice', password: 'x' };

    const plain = await route.call({ body });
    const charset = await route.call({
      body,
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });

    expect([plain.statusCode, charset.statusCode]).toEqual([200, 200]);
    expect(JSON.parse(plain.body ?? '')).toEqual({ sourceIp: '203.0.113.7' });
  });
});
