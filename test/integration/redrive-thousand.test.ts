import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { orderPlaced } from '../../events/pizza';
import { kitchenOperator } from '../../scripts/lib/kitchen';
import { drainQueue } from '../../scripts/lib/queues';
import { redrive } from '../../scripts/lib/redrive';
import { outputs, queueDepth, sqs } from '../support/platform';

jest.setTimeout(240_000);

const COUNT = 1000;
const kitchen = kitchenOperator(outputs);

/** What the bus delivered for an order the kitchen failed on, as it sits in the DLQ. */
function deadLetteredOrder(run: string, n: number) {
  const orderId = `ord_redrive_${run}_${String(n).padStart(4, '0')}`;
  const detail = orderPlaced.schema.parse({
    eventId: `placed#${orderId}`,
    correlationId: `redrive-${run}`,
    orderId,
    userId: `user-${run}`,
    pizza: 'margherita',
    quantity: 1,
    address: 'Hauptstrasse 1, 10115 Berlin',
    amountCents: 1599,
    placedAt: new Date().toISOString(),
    schemaVersion: 1,
  });
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    source: orderPlaced.source,
    'detail-type': orderPlaced.detailType,
    time: new Date().toISOString(),
    detail,
  });
}

/** Takes every message off the queue and returns the order ids of this run's messages. */
async function drainOrderIds(queueUrl: string, run: string): Promise<string[]> {
  const ids: string[] = [];
  await drainQueue(queueUrl, (message) => {
    const orderId = (JSON.parse(message.Body!) as { detail: { orderId: string } }).detail.orderId;
    if (orderId.includes(run)) ids.push(orderId);
  });
  return ids;
}

describe('redriving a DLQ of a thousand messages', () => {
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    // The kitchens stay off so that what arrives in their queue can be counted, not cooked.
    await kitchen.setEnabled(false);
  });
  afterAll(async () => {
    await kitchen.setEnabled(true);
  });

  test('moves every message once: none lost, none duplicated, the DLQ left empty', async () => {
    for (let n = 0; n < COUNT; n += 10) {
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: outputs.KitchenDlqUrl,
          Entries: Array.from({ length: 10 }, (_, i) => ({
            Id: String(i),
            MessageBody: deadLetteredOrder(run, n + i),
          })),
        }),
      );
    }
    expect((await queueDepth(outputs.KitchenDlqUrl)).visible).toBeGreaterThanOrEqual(COUNT);

    const result = await redrive(sqs, { dlqUrl: outputs.KitchenDlqUrl, queueUrl: outputs.KitchenQueueUrl });

    expect(result.moved).toBe(result.found);
    expect(result.moved).toBeGreaterThanOrEqual(COUNT);
    const arrived = await drainOrderIds(outputs.KitchenQueueUrl, run);
    expect(arrived).toHaveLength(COUNT);
    expect(new Set(arrived).size).toBe(COUNT);
    expect(await queueDepth(outputs.KitchenDlqUrl)).toEqual({ visible: 0, inFlight: 0 });
  });
});
