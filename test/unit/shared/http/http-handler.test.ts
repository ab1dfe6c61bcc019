import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { interactionCompleted } from '../../../../events';
import { ConflictError } from '../../../../shared/http/errors';
import { type HttpRequest, type HttpResult, httpRoute } from '../../../../shared/http/http-handler';
import { lambdaContext } from '../lambda-context';
import { type HttpEventInput, httpEvent, PLAYER_CLAIMS } from './http-event';

const completeBody = z.object({ templateId: z.string().min(1).max(64) }).strict();
type CompleteBody = z.infer<typeof completeBody>;

/** The body a player sends to complete the template of the contract's example. */
const validBody: CompleteBody = { templateId: interactionCompleted.example.templateId };

/** A route with a body schema, as POST /interactions/complete declares it; it records what reached it. */
function routeUnderTest(answer: (request: HttpRequest<CompleteBody>) => Promise<HttpResult>) {
  const received: HttpRequest<CompleteBody>[] = [];
  const handler = httpRoute(
    {
      logger: new Logger({ logLevel: 'SILENT' }),
      metrics: new Metrics({ namespace: 'Test', serviceName: 'route-test' }),
      body: completeBody,
    },
    async (request) => {
      received.push(request);
      return answer(request);
    },
  );
  const call = async (input: HttpEventInput) =>
    (await handler(
      httpEvent(input),
      // The correlation id middleware adds correlationId to the context before the route runs.
      lambdaContext('complete-interaction') as Parameters<typeof handler>[1],
    )) as APIGatewayProxyStructuredResultV2;
  return { call, received };
}

const created = async (request: HttpRequest<CompleteBody>): Promise<HttpResult> => ({
  statusCode: 201,
  body: { templateId: request.body.templateId },
});

const jsonOf = (response: APIGatewayProxyStructuredResultV2) => JSON.parse(response.body ?? '');

describe('httpRoute', () => {
  const metricsDisabled = process.env.POWERTOOLS_METRICS_DISABLED;
  beforeAll(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  });
  afterAll(() => {
    if (metricsDisabled === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = metricsDisabled;
  });

  test('hands a valid request to the handler with the caller from the token’s claims and the parsed body', async () => {
    const route = routeUnderTest(created);

    const response = await route.call({ body: validBody });

    expect(route.received).toHaveLength(1);
    expect(route.received[0]).toMatchObject({
      caller: { userId: PLAYER_CLAIMS.sub, username: 'alice', groups: ['players'] },
      body: validBody,
    });
    expect({ statusCode: response.statusCode, body: jsonOf(response) }).toEqual({
      statusCode: 201,
      body: validBody,
    });
  });

  test('answers a body that breaks the schema with a 400 naming each failing field, without calling the handler', async () => {
    const route = routeUnderTest(created);

    const response = await route.call({ body: { templateId: '', points: 3 } });

    expect(route.received).toEqual([]);
    expect(response.statusCode).toBe(400);
    expect(jsonOf(response)).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      details: expect.arrayContaining([
        { field: 'templateId', message: expect.any(String) },
        { field: 'points', message: 'is not an allowed field' },
      ]),
    });
  });

  test('answers an HttpError with its status and its JSON body', async () => {
    const route = routeUnderTest(async () => {
      throw new ConflictError('ALREADY_COMPLETED', 'This template is already completed today.', {
        templateId: 'drink_water',
      });
    });

    const response = await route.call({ body: validBody });

    expect({ statusCode: response.statusCode, body: jsonOf(response) }).toEqual({
      statusCode: 409,
      body: {
        code: 'ALREADY_COMPLETED',
        message: 'This template is already completed today.',
        details: { templateId: 'drink_water' },
      },
    });
  });

  test('answers an unexpected error with a 500 JSON body that does not leak its message', async () => {
    const route = routeUnderTest(async () => {
      throw new Error('connect ECONNREFUSED 10.0.3.7:8000 table=secret-interactions');
    });

    const response = await route.call({ body: validBody });

    expect(response.statusCode).toBe(500);
    expect(jsonOf(response)).toEqual({ code: 'INTERNAL_ERROR', message: expect.any(String) });
    expect(response.body).not.toMatch(/ECONNREFUSED|secret-interactions/);
  });

  test('answers a request without a subject in its claims with a 401', async () => {
    const route = routeUnderTest(created);

    const response = await route.call({
      body: validBody,
      claims: { token_use: 'access', username: 'nobody' },
    });

    expect({ statusCode: response.statusCode, code: jsonOf(response).code }).toEqual({
      statusCode: 401,
      code: 'UNAUTHORIZED',
    });
    expect(route.received).toEqual([]);
  });

  test('answers an ID token with a 401 and never runs the handler', async () => {
    const route = routeUnderTest(created);

    const response = await route.call({ body: validBody, claims: { ...PLAYER_CLAIMS, token_use: 'id' } });

    expect({ statusCode: response.statusCode, code: jsonOf(response).code }).toEqual({
      statusCode: 401,
      code: 'UNAUTHORIZED',
    });
    expect(route.received).toEqual([]);
  });

  test('mints the trace id on the server even when the client sends its own x-correlation-id', async () => {
    const route = routeUnderTest(created);

    const response = await route.call({
      body: validBody,
      headers: { 'x-correlation-id': 'trace-42:abc' },
      requestId: 'gateway-request-42',
    });

    expect(response.headers?.['x-correlation-id']).toBe('gateway-request-42');
    expect(route.received[0]?.correlationId).toBe('gateway-request-42');
  });

  test('keeps a well-formed client id apart: handed to the handler and echoed as x-client-correlation-id', async () => {
    const route = routeUnderTest(created);

    const response = await route.call({ body: validBody, headers: { 'x-correlation-id': 'trace-42:abc' } });

    expect(response.headers?.['x-client-correlation-id']).toBe('trace-42:abc');
    expect(route.received[0]?.clientCorrelationId).toBe('trace-42:abc');
  });

  test('logs the client’s id as clientCorrelationId beside the server’s correlationId', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const handler = httpRoute(
        { logger: new Logger({ logLevel: 'INFO' }), metrics: new Metrics({ namespace: 'Test' }) },
        async () => ({ statusCode: 200, body: {} }),
      );

      await handler(
        httpEvent({
          method: 'GET',
          path: '/whoami',
          headers: { 'x-correlation-id': 'mine-1' },
          requestId: 'gw-9',
        }),
        lambdaContext('who-am-i') as Parameters<typeof handler>[1],
      );
    } finally {
      write.mockRestore();
    }

    const handled = lines
      .flatMap((l) => l.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.message === 'request handled');
    expect(handled).toMatchObject({ correlationId: 'gw-9', clientCorrelationId: 'mine-1' });
  });

  test('echoes both ids on an error answer too', async () => {
    const route = routeUnderTest(created);

    const response = await route.call({
      body: 'not json',
      headers: { 'x-correlation-id': 'trace-43' },
      requestId: 'gateway-request-43',
    });

    expect({
      statusCode: response.statusCode,
      id: response.headers?.['x-correlation-id'],
      clientId: response.headers?.['x-client-correlation-id'],
    }).toEqual({ statusCode: 400, id: 'gateway-request-43', clientId: 'trace-43' });
  });

  test('neither keeps nor echoes a malformed x-correlation-id', async () => {
    const route = routeUnderTest(created);

    const response = await route.call({
      body: validBody,
      headers: { 'x-correlation-id': 'bad id\nwith "injection"' },
      requestId: 'gateway-request-7',
    });

    expect(response.headers?.['x-correlation-id']).toBe('gateway-request-7');
    expect(response.headers?.['x-client-correlation-id']).toBeUndefined();
    expect(route.received[0]?.clientCorrelationId).toBeUndefined();
  });

  test.each([
    ['a success', created],
    [
      'an HttpError',
      async () => {
        throw new ConflictError('ALREADY_COMPLETED', 'Already done.');
      },
    ],
    [
      'an unexpected error',
      async () => {
        throw new Error('boom');
      },
    ],
  ])('answers %s with content-type application/json', async (_, answer) => {
    const route = routeUnderTest(answer);

    const response = await route.call({ body: validBody });

    expect(response.headers?.['content-type']).toBe('application/json');
  });
});
