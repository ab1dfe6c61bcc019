import type { LambdaClient } from '@aws-sdk/client-lambda';
import {
  createPaymentsClient,
  PAYMENTS_THROTTLED,
  wasThrottled,
} from '../../../functions/orders/adapters/payments-client';

const NOW = new Date('2026-11-22T18:30:00.000Z');

/** A Lambda client that answers `answer` and keeps the payloads it was sent. */
function fakeLambda(answer: unknown) {
  const sent: Record<string, unknown>[] = [];
  const client = {
    async send(command: { input: { Payload: Uint8Array } }) {
      sent.push(JSON.parse(Buffer.from(command.input.Payload).toString('utf8')));
      return { Payload: Buffer.from(JSON.stringify(answer)) };
    },
  } as unknown as LambdaClient;
  return { client, sent };
}

const charge = { orderId: 'ord_1', userId: 'u1', amountCents: 1599, correlationId: 'c1' };

describe('the orders service’s payments client', () => {
  test('tells payments when it gives up: now plus its timeout', async () => {
    const { client, sent } = fakeLambda({ outcome: 'paid', chargeId: 'ch_1', orderId: 'ord_1' });

    await createPaymentsClient('payments-fn', 2_000, client, () => NOW).charge(charge);

    expect(sent).toEqual([{ ...charge, notAfter: '2026-11-22T18:30:02.000Z' }]);
  });

  test('an answer that the deadline passed is unavailable: nothing was charged, the customer may retry', async () => {
    const { client } = fakeLambda({ outcome: 'expired', orderId: 'ord_1' });

    const result = await createPaymentsClient('payments-fn', 2_000, client, () => NOW).charge(charge);

    expect(result).toEqual({ outcome: 'unavailable', reason: expect.stringMatching(/deadline/) });
  });
});

describe('a throttled payments function', () => {
  test('is unavailable with the throttled reason: payments never ran, nothing was charged', async () => {
    const client = {
      async send() {
        throw Object.assign(new Error('Rate Exceeded'), {
          name: 'TooManyRequestsException',
          $metadata: { httpStatusCode: 429 },
        });
      },
    } as unknown as LambdaClient;

    const result = await createPaymentsClient('payments-fn', 2_000, client, () => NOW).charge(charge);

    expect(result).toEqual({ outcome: 'unavailable', reason: PAYMENTS_THROTTLED });
    expect(wasThrottled(result)).toBe(true);
    expect(wasThrottled({ outcome: 'unavailable', reason: 'no answer within 2000 ms' })).toBe(false);
  });
});
