import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DRIVERS } from '../../functions/delivery/domain/drivers';
import type { KitchenSettings } from '../../functions/kitchen/domain/kitchen';
import { DynamoOrderReader } from '../../functions/orders/adapters/order-reader';
import type { OrderView } from '../../functions/orders/domain/order-view';
import { deliveryOperator } from '../../scripts/lib/delivery';
import { kitchenOperator } from '../../scripts/lib/kitchen';
import { clientConfig } from '../../scripts/lib/target';
import { OUTBOX_PK_PREFIX, OUTBOX_SK } from '../../shared/messaging/outbox';
import { eventually, newPlayer, outputs, queuesSettled } from '../support/platform';

jest.setTimeout(180_000);

/**
 * The bus outage: the outbox relay cannot put anything on the bus, a customer pays for an order, and once
 * the bus is back the order is cooked and delivered exactly once, without anyone reading it through the API.
 *
 * The outage is the relay's own: its EVENT_BUS_NAME points at a bus in another account, so every PutEvents entry
 * fails (ResourceNotFoundException on MiniStack, AccessDenied on AWS) and the relay throws. A bus *name* that
 * does not exist would not do: MiniStack accepts PutEvents for any bus name and drops the events, which would be
 * an outage that loses events, not one that delays them.
 */
const UNREACHABLE_BUS = `arn:aws:events:${clientConfig().region}:111111111111:event-bus/unreachable-in-test`;
/** How long the order is watched while the bus is down: several relay attempts (MiniStack backs off ~1 s). */
const OUTAGE_WATCH_MS = 6_000;

const lambda = new LambdaClient(clientConfig());
const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
const orders = new DynamoOrderReader(db, outputs.OrdersTableName);
const kitchen = kitchenOperator(outputs);
const delivery = deliveryOperator(outputs);
const relay = outputs.OutboxRelayFunctionName;

async function relayEnvironment(): Promise<Record<string, string>> {
  const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: relay }));
  return config.Environment?.Variables ?? {};
}

/** Sets the relay's environment and waits until the update is effective (new invocations see it). */
async function setRelayEnvironment(variables: Record<string, string>): Promise<void> {
  await lambda.send(
    new UpdateFunctionConfigurationCommand({ FunctionName: relay, Environment: { Variables: variables } }),
  );
  await eventually(
    async () => {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: relay }));
      return (
        config.LastUpdateStatus === 'Successful' &&
        config.Environment?.Variables?.EVENT_BUS_NAME === variables.EVENT_BUS_NAME
      );
    },
    { what: `the relay's EVENT_BUS_NAME to be ${variables.EVENT_BUS_NAME}` },
  );
}

/** Polls `probe` for `ms` and fails on the first sample that is not truthy: something that must stay true. */
async function staysTrue(ms: number, probe: () => Promise<unknown>, what: string): Promise<number> {
  const until = Date.now() + ms;
  let samples = 0;
  while (Date.now() < until) {
    const value = await probe();
    if (!value) throw new Error(`${what} stopped holding after ${samples} samples`);
    samples++;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return samples;
}

const inOutbox = async (eventId: string) =>
  (
    await db.send(
      new GetCommand({
        TableName: outputs.OrdersTableName,
        Key: { pk: `${OUTBOX_PK_PREFIX}${eventId}`, sk: OUTBOX_SK },
        ConsistentRead: true,
      }),
    )
  ).Item !== undefined;
const totalCooked = async () =>
  Object.values(await kitchen.repository.cookedCounts()).reduce((a, b) => a + b, 0);
const assignmentsOf = async (orderId: string) =>
  (await Promise.all(DRIVERS.map((d) => delivery.assignments(d.driverId))))
    .flat()
    .filter((a) => a.orderId === orderId);

let originalEnvironment: Record<string, string>;
let kitchenBefore: KitchenSettings;
let travelBefore: number;

beforeAll(async () => {
  originalEnvironment = await relayEnvironment();
  if (!originalEnvironment.EVENT_BUS_NAME) throw new Error('the relay has no EVENT_BUS_NAME to restore');
  kitchenBefore = await kitchen.repository.settings();
  travelBefore = (await delivery.settings()).travelMs;
  await kitchen.repository.updateSettings({ prepMinMs: 0, prepMaxMs: 0, fault: false });
  await delivery.updateSettings({ travelMs: 0 });
  // Orders of earlier tests may still be cooking: the kitchen's count starts once they are done.
  await queuesSettled([outputs.KitchenQueueUrl, outputs.DeliveryQueueUrl], { timeoutMs: 90_000 });
});

afterAll(async () => {
  // Whatever happened in the test, the relay gets its bus back.
  if ((await relayEnvironment()).EVENT_BUS_NAME !== originalEnvironment.EVENT_BUS_NAME) {
    await setRelayEnvironment(originalEnvironment);
  }
  await kitchen.repository.updateSettings(kitchenBefore);
  await delivery.updateSettings({ travelMs: travelBefore });
});

describe('a bus outage', () => {
  test('a paid order placed while the bus is unreachable is cooked and delivered once, after the bus is back, without anyone reading it', async () => {
    const customer = await newPlayer();
    const cookedBefore = await totalCooked();
    await setRelayEnvironment({ ...originalEnvironment, EVENT_BUS_NAME: UNREACHABLE_BUS });

    let orderId: string;
    try {
      const placed = await customer.api.post<OrderView>('/orders', {
        pizza: 'funghi',
        quantity: 1,
        address: 'Torstrasse 5, 10119 Berlin',
      });
      expect(placed.status).toBe(201);
      expect(placed.body.status).toBe('PLACED');
      orderId = placed.body.orderId;

      // While the bus is down, the order is paid and waits: its order.placed stays in the outbox, uncooked.
      await staysTrue(
        OUTAGE_WATCH_MS,
        async () =>
          (await orders.get(orderId))?.status === 'PLACED' &&
          (await inOutbox(`placed#${orderId}`)) &&
          (await kitchen.repository.cooked(orderId)) === undefined,
        `order ${orderId} PLACED, uncooked, with order.placed in the outbox`,
      );
    } finally {
      await setRelayEnvironment(originalEnvironment);
    }

    // Nobody reads the order through the API from here on: only the tables are looked at.
    const cooked = await eventually(() => kitchen.repository.cooked(orderId), {
      timeoutMs: 60_000,
      what: `order ${orderId} cooked after the bus came back`,
    });
    await eventually(async () => (await orders.get(orderId))?.status === 'DELIVERED', {
      timeoutMs: 60_000,
      what: `order ${orderId} DELIVERED on its own timeline`,
    });
    await queuesSettled([outputs.KitchenQueueUrl, outputs.DeliveryQueueUrl, outputs.OrdersTimelineQueueUrl]);

    expect(cooked).toMatchObject({ orderId, correlationId: expect.any(String) });
    expect((await totalCooked()) - cookedBefore).toBe(1);
    expect(await assignmentsOf(orderId)).toHaveLength(1);
    expect((await delivery.order(orderId))?.status).toBe('DELIVERED');
    expect((await orders.timeline(orderId)).map((entry) => entry.status).sort()).toEqual(
      ['ASSIGNED', 'DELIVERED', 'IN_TRANSIT', 'PAID', 'PAYMENT_PENDING', 'PLACED', 'READY'].sort(),
    );
    expect(await inOutbox(`placed#${orderId}`)).toBe(false);
  });
});
