import { randomUUID } from 'node:crypto';
import {
  DeleteFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { INTERACTION_TEMPLATES } from '../../functions/interactions/domain/templates';
import type { OrderView } from '../../functions/orders/domain/order-view';
import { type ApiResponse, apiClient } from '../../scripts/lib/api-client';
import { apiBaseUrl, clientConfig } from '../../scripts/lib/target';
import { newPlayer, outputs, type Player } from '../support/platform';

jest.setTimeout(120_000);

/** How long a request may take, its 429 retries included: what a user's app would wait at most. */
const SERVED_WITHIN_MS = 30_000;

/** A client like a user's app: retries 429 with backoff (quietly here), gives up after 30 s. */
const burstClient = (player: Player) =>
  apiClient(player.accessToken, apiBaseUrl(outputs), {
    timeoutMs: SERVED_WITHIN_MS,
    deadlineMs: SERVED_WITHIN_MS,
    retries: 20,
    quiet: true,
  });

describe('a burst of 40 concurrent mixed requests', () => {
  test('is served in full: no answer >= 500, no timeout, every request answered within 30 s', async () => {
    const players = await Promise.all(Array.from({ length: 5 }, () => newPlayer()));
    const requests = Array.from({ length: 40 }, (_, i) => {
      const k = Math.floor(i / 4); // the k-th request of its route
      const player = players[k % players.length]!;
      const api = burstClient(player);
      switch (i % 4) {
        case 0: {
          // each (player, template) once: every completion is a 201
          const templateId = INTERACTION_TEMPLATES[Math.floor(k / players.length)]!.id;
          return {
            what: 'POST /interactions/complete',
            expected: 201,
            send: () => api.post('/interactions/complete', { templateId }),
          };
        }
        case 1:
          return { what: 'GET /pets/me', expected: 200, send: () => api.get('/pets/me') };
        case 2:
          return {
            what: 'POST /orders',
            expected: 201,
            send: () =>
              api.post(
                '/orders',
                { pizza: 'funghi', quantity: 1, address: 'Burst Street 40' },
                { headers: { 'idempotency-key': `burst-${randomUUID()}` } },
              ),
          };
        default:
          return { what: 'GET /menu', expected: 200, send: () => api.get('/menu') };
      }
    });

    const answers = await Promise.all(
      requests.map(async (r) => {
        try {
          const answer: ApiResponse = await r.send();
          return { what: r.what, expected: r.expected, status: answer.status, ms: answer.ms };
        } catch (error) {
          // the 30 s per attempt ran out (TimeoutError), or the connection failed
          return { what: r.what, expected: r.expected, status: (error as Error).name, ms: SERVED_WITHIN_MS };
        }
      }),
    );

    const failed = answers.filter((a) => typeof a.status !== 'number' || a.status >= 500);
    expect(failed).toEqual([]);
    const wrong = answers.filter((a) => a.status !== a.expected || a.ms > SERVED_WITHIN_MS);
    expect(wrong).toEqual([]);
  });
});

describe('payments at their limit', () => {
  const lambda = new LambdaClient(clientConfig());
  const FunctionName = outputs.PaymentsFunctionName;

  test('POST /orders is shed with 429, Retry-After and nothing charged; the same key later pays the order', async () => {
    const player = await newPlayer();
    const key = `throttle-${randomUUID()}`;
    const body = { pizza: 'margherita', quantity: 1, address: 'Throttle Lane 1' };
    const before = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName })))
      .ReservedConcurrentExecutions;
    // Reserved concurrency 0: every invocation of payments is throttled, as at the limit of a busy burst.
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName, ReservedConcurrentExecutions: 0 }));
    let shed: ApiResponse<{ code: string; message: string; orderId: string }>;
    try {
      shed = await player.api.post('/orders', body, { headers: { 'idempotency-key': key }, retry: false });
    } finally {
      if (before === undefined) await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName }));
      else {
        await lambda.send(
          new PutFunctionConcurrencyCommand({ FunctionName, ReservedConcurrentExecutions: before }),
        );
      }
    }

    expect(shed.status).toBe(429);
    expect(Number(shed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(shed.body).toEqual({
      code: 'PAYMENTS_BUSY',
      message: expect.stringMatching(/Nothing was charged/),
      orderId: expect.any(String),
    });
    const kept = await player.api.get<OrderView>(`/orders/${shed.body.orderId}`);
    expect(kept.body.status).toBe('PAYMENT_FAILED');

    const paid = await player.api.post<OrderView>('/orders', body, { headers: { 'idempotency-key': key } });
    expect(paid.status).toBe(201);
    expect(paid.body.orderId).toBe(shed.body.orderId);
    expect(paid.body.status).toBe('PLACED');
  });
});
