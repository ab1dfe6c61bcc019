import { Readable } from 'node:stream';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createPaymentsClient } from '../../../functions/orders/adapters/payments-client';

const NOW = new Date('2026-11-22T18:30:00.000Z');

/**
 * A real Lambda client whose HTTP layer is in memory: it answers every Invoke with `answer` and keeps the
 * payloads it was sent.
 */
function lambdaAnswering(answer: unknown) {
  const sent: unknown[] = [];
  const client = new LambdaClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: { body?: unknown }) {
        sent.push(JSON.parse(String(request.body)));
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
            body: Readable.from([Buffer.from(JSON.stringify(answer))]),
          },
        };
      },
    },
  });
  return { client, sent };
}

const charge = { orderId: 'ord_1', userId: 'u1', amountCents: 1599, correlationId: 'c1' };

describe('the orders service’s payments client', () => {
  test('tells payments when it gives up: now plus its timeout', async () => {
    const { client, sent } = lambdaAnswering({ outcome: 'paid', chargeId: 'ch_1', orderId: 'ord_1' });

    await createPaymentsClient('payments-fn', 2_000, client, () => NOW).charge(charge);

    expect(sent).toEqual([{ ...charge, notAfter: '2026-11-22T18:30:02.000Z' }]);
  });

  test('a paid answer is paid, with the charge id', async () => {
    const { client } = lambdaAnswering({ outcome: 'paid', chargeId: 'ch_1', orderId: 'ord_1' });

    const result = await createPaymentsClient('payments-fn', 2_000, client, () => NOW).charge(charge);

    expect(result).toEqual({ outcome: 'paid', chargeId: 'ch_1' });
  });

  test('an answer that the deadline passed is unavailable: nothing was charged, the customer may retry', async () => {
    const { client } = lambdaAnswering({ outcome: 'expired', orderId: 'ord_1' });

    const result = await createPaymentsClient('payments-fn', 2_000, client, () => NOW).charge(charge);

    expect(result).toEqual({ outcome: 'unavailable', reason: expect.stringMatching(/deadline/) });
  });

  test('an answer that makes no sense is unavailable, not an exception', async () => {
    const { client } = lambdaAnswering({ hello: 'world' });

    const result = await createPaymentsClient('payments-fn', 2_000, client, () => NOW).charge(charge);

    expect(result).toEqual({ outcome: 'unavailable', reason: 'payments answered nonsense' });
  });
});

describe('a throttled payments function', () => {
  test('is unavailable and throttled: payments never ran, nothing was charged', async () => {
    const client = new LambdaClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      requestHandler: {
        async handle() {
          return {
            response: {
              statusCode: 429,
              headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' },
              body: Readable.from([
                Buffer.from(JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate Exceeded' })),
              ]),
            },
          };
        },
      },
    });

    const result = await createPaymentsClient('payments-fn', 2_000, client, () => NOW).charge(charge);

    expect(result).toEqual({
      outcome: 'unavailable',
      reason: expect.stringMatching(/throttled/),
      throttled: true,
    });
  });
});
