import { Readable } from 'node:stream';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { createPaymentsClient } from '../../../functions/orders/adapters/payments-client';

const NOW = new Date('2026-11-22T18:30:00.000Z');

/**
 * A real Lambda client whose HTTP layer is in memory: it answers each Invoke with the next of `answers` (the last
 * one again once they run out; a function-error answer when it is an `Error`) and keeps the payloads it was sent.
 */
function lambdaAnswering(...answers: unknown[]) {
  const sent: unknown[] = [];
  const client = new LambdaClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: { body?: unknown }) {
        sent.push(JSON.parse(String(request.body)));
        const answer = answers.length > 1 ? answers.shift() : answers[0];
        const failed = answer instanceof Error;
        return {
          response: {
            statusCode: 200,
            headers: {
              'content-type': 'application/json',
              ...(failed ? { 'x-amz-function-error': 'Unhandled' } : {}),
            },
            body: Readable.from([
              Buffer.from(JSON.stringify(failed ? { errorMessage: answer.message } : answer)),
            ]),
          },
        };
      },
    },
  });
  return { client, sent };
}

const charge = { orderId: 'ord_1', attempt: 1, userId: 'u1', amountCents: 1599, correlationId: 'c1' };
const attempt = { orderId: 'ord_1', attempt: 1, userId: 'u1', correlationId: 'c1' };
const options = (client: LambdaClient) => ({
  timeoutMs: 2_000,
  client,
  now: () => NOW,
  sleep: async () => {},
});

describe('the orders service’s payments client', () => {
  test('tells payments when it gives up: now plus its timeout', async () => {
    const { client, sent } = lambdaAnswering({ outcome: 'paid', chargeId: 'ch_1', orderId: 'ord_1' });

    await createPaymentsClient('payments-fn', options(client)).charge(charge);

    expect(sent).toEqual([{ operation: 'charge', ...charge, notAfter: '2026-11-22T18:30:02.000Z' }]);
  });

  test('a paid answer is paid, with the charge id', async () => {
    const { client } = lambdaAnswering({ outcome: 'paid', chargeId: 'ch_1', orderId: 'ord_1' });

    const result = await createPaymentsClient('payments-fn', options(client)).charge(charge);

    expect(result).toEqual({ outcome: 'paid', chargeId: 'ch_1' });
  });

  test('an answer that the deadline passed is unavailable: the attempt is still to be settled', async () => {
    const { client } = lambdaAnswering({ outcome: 'expired', orderId: 'ord_1' });

    const result = await createPaymentsClient('payments-fn', options(client)).charge(charge);

    expect(result).toEqual({ outcome: 'unavailable', reason: expect.stringMatching(/deadline/) });
  });

  test('an answer that makes no sense is unavailable, not an exception', async () => {
    const { client } = lambdaAnswering({ hello: 'world' });

    const result = await createPaymentsClient('payments-fn', options(client)).charge(charge);

    expect(result).toEqual({ outcome: 'unavailable', reason: 'payments answered nonsense' });
  });
});

describe('settling an attempt', () => {
  test('asks payments to settle the attempt by its key: the order and the attempt number', async () => {
    const { client, sent } = lambdaAnswering({ outcome: 'voided', orderId: 'ord_1', attempt: 1 });

    const result = await createPaymentsClient('payments-fn', options(client)).settle(attempt);

    expect(sent).toEqual([{ operation: 'settle', ...attempt }]);
    expect(result).toEqual({ outcome: 'voided' });
  });

  test('a settled charge is answered as the charge: paid, with its id', async () => {
    const { client } = lambdaAnswering({ outcome: 'paid', chargeId: 'ch_1', orderId: 'ord_1' });

    const result = await createPaymentsClient('payments-fn', options(client)).settle(attempt);

    expect(result).toEqual({ outcome: 'paid', chargeId: 'ch_1' });
  });

  test('a settle is tried again when it gets no answer: it changes nothing the second time', async () => {
    const { client, sent } = lambdaAnswering(new Error('boom'), {
      outcome: 'voided',
      orderId: 'ord_1',
      attempt: 1,
    });

    const result = await createPaymentsClient('payments-fn', options(client)).settle(attempt);

    expect(sent).toHaveLength(2);
    expect(result).toEqual({ outcome: 'voided' });
  });

  test('a settle that never gets an answer is unavailable after its tries', async () => {
    const { client, sent } = lambdaAnswering(new Error('boom'));

    const result = await createPaymentsClient('payments-fn', { ...options(client), settleTries: 3 }).settle(
      attempt,
    );

    expect(sent).toHaveLength(3);
    expect(result).toEqual({ outcome: 'unavailable', reason: expect.stringMatching(/payments failed/) });
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

    const result = await createPaymentsClient('payments-fn', options(client)).charge(charge);

    expect(result).toEqual({
      outcome: 'unavailable',
      reason: expect.stringMatching(/throttled/),
      throttled: true,
    });
  });
});
