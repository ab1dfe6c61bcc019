import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deliveryStepDue } from '../../events/delivery-steps';
import { orderDeliveryUpdated, orderReady } from '../../events/pizza';
import { assignDriver } from '../../functions/delivery/domain/dispatch';
import { DRIVERS, freeDrivers } from '../../functions/delivery/domain/drivers';
import { type DeliverySettings, stepDue } from '../../functions/delivery/domain/legs';
import { waitingOrder } from '../../functions/delivery/domain/order';
import { SWEEP_INPUT } from '../../functions/delivery/domain/sweep';
import type { DeliveryOrder } from '../../functions/delivery/domain/types';
import type { SweepReport } from '../../functions/delivery/use-cases/sweep-deliveries';
import { deliveryOperator } from '../../scripts/lib/delivery';
import { queueDepth } from '../../scripts/lib/queues';
import { redrive } from '../../scripts/lib/redrive';
import { clientConfig } from '../../scripts/lib/target';
import { testClockOf } from '../../scripts/lib/test-clock';
import { type EventSpy, eventSpy } from '../support/event-spy';
import { eventually, outputs, publish, queuesSettled, sqs } from '../support/platform';

jest.setTimeout(120_000);

const delivery = deliveryOperator(outputs);
const TRAVEL_MS = 1000;

const readyOrder = () => {
  const orderId = `ord_d_${randomUUID().slice(0, 12)}`;
  return {
    eventId: `ready#${orderId}`,
    correlationId: `test-${randomUUID()}`,
    orderId,
    userId: `user-${randomUUID().slice(0, 8)}`,
    kitchenWorker: 'kitchen-1/test',
    readyAt: new Date().toISOString(),
  };
};
const allDelivered = async (orderIds: string[]) => {
  const orders = await Promise.all(orderIds.map((id) => delivery.order(id)));
  return orders.every((o) => o?.status === 'DELIVERED') ? orders.map((o) => o!) : undefined;
};

let before: DeliverySettings;
beforeAll(async () => {
  before = await delivery.settings();
  // Long enough that all five drivers are still out when the sixth and seventh orders arrive.
  await delivery.updateSettings({ travelMs: TRAVEL_MS });
});
afterAll(async () => {
  await delivery.updateSettings(before);
});

describe('delivery with a pool of five drivers', () => {
  test('seven ready orders are all delivered; the two that wait get a driver once one is back', async () => {
    const orders = Array.from({ length: 7 }, readyOrder);

    await publish(orderReady, orders);

    const delivered = await eventually(() => allDelivered(orders.map((o) => o.orderId)), {
      what: 'all seven delivered',
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    // Two orders found every driver out and waited at least one round trip (two legs) for one.
    const waited = delivered.filter(
      (o) => Date.parse(o.steps.ASSIGNED!) - Date.parse(o.waitingSince) >= 2 * TRAVEL_MS - 100,
    );
    expect(waited.length).toBeGreaterThanOrEqual(2);
    expect(
      delivered.every(
        (o) => o.steps.ASSIGNED! <= o.steps.IN_TRANSIT! && o.steps.IN_TRANSIT! <= o.steps.DELIVERED!,
      ),
    ).toBe(true);
    expect(new Set(delivered.map((o) => o.driverName))).toEqual(new Set(DRIVERS.map((d) => d.name)));
  });

  test('no driver was ever on two orders at once, and each order had exactly one driver', async () => {
    const orders = Array.from({ length: 7 }, readyOrder);
    await publish(orderReady, orders);
    await eventually(() => allDelivered(orders.map((o) => o.orderId)), {
      what: 'all seven delivered',
      timeoutMs: 60_000,
      intervalMs: 500,
    });

    const histories = await Promise.all(DRIVERS.map((d) => delivery.assignments(d.driverId)));

    for (const history of histories) {
      history.forEach((assignment, index) => {
        expect(assignment.assignment).toBe(index + 1);
        const next = history[index + 1];
        if (next) {
          // Freed before (or the moment) the next order was given.
          expect(assignment.freedAt).toBeDefined();
          expect(assignment.freedAt! <= next.assignedAt).toBe(true);
        }
      });
    }
    const ours = histories.flat().filter((a) => orders.some((o) => o.orderId === a.orderId));
    expect(ours.map((a) => a.orderId).sort()).toEqual(orders.map((o) => o.orderId).sort());
  });

  test('an order.ready delivered twice is delivered once, by one driver', async () => {
    const order = readyOrder();

    await publish(orderReady, [order, order]);

    const [delivered] = await eventually(() => allDelivered([order.orderId]), {
      what: 'the order delivered',
    });
    await queuesSettled([outputs.DeliveryQueueUrl]);
    const history = await delivery.assignments(delivered!.driverId!);
    expect(history.filter((a) => a.orderId === order.orderId)).toHaveLength(1);
    const everyone = (await Promise.all(DRIVERS.map((d) => delivery.assignments(d.driverId)))).flat();
    expect(everyone.filter((a) => a.orderId === order.orderId)).toHaveLength(1);
  });
});

describe('a driver whose delivery step never comes is not kept forever', () => {
  const lambda = new LambdaClient(clientConfig());
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
  const LEG_MS = 6000;
  let spy: EventSpy;

  /** The step function, invoked the way its schedule does (the test does not wait for the minute). */
  async function sweep(): Promise<SweepReport> {
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: outputs.DeliveryAdvanceFunctionName,
        Payload: Buffer.from(JSON.stringify(SWEEP_INPUT)),
      }),
    );
    const payload = Buffer.from(result.Payload!).toString();
    if (result.FunctionError) throw new Error(`the sweep failed: ${payload}`);
    return JSON.parse(payload) as SweepReport;
  }

  /**
   * What a worker that died right after its commit leaves behind: the order ASSIGNED to a free driver, saved as the
   * dispatcher saves it (with its event, through the outbox), and no step message. Then its lease runs out: the
   * test sets it a second into the past rather than wait the leg's grace (a minute).
   */
  async function strandedAssignment(): Promise<DeliveryOrder> {
    const { now } = await testClockOf().status();
    const ready = readyOrder();
    const order = waitingOrder({ ...ready, readyAt: now.toISOString() }, ready.correlationId, now);
    expect(await delivery.enqueue(order)).toBe(true);
    const driver = freeDrivers(await delivery.drivers())[0];
    if (!driver) throw new Error('no driver free for the stranded order');
    const decision = assignDriver(order, driver, now, 0);
    if (decision.outcome !== 'assign') throw new Error(`could not assign: ${decision.outcome}`);
    expect(await delivery.assign(decision, now)).toBe(true);
    const leaseUntil = new Date(now.getTime() - 1000).toISOString();
    await db.send(
      new UpdateCommand({
        TableName: outputs.DeliveryTableName,
        Key: { pk: `ORDER#${order.orderId}`, sk: 'DELIVERY' },
        UpdateExpression: 'SET leaseUntil = :past',
        ExpressionAttributeValues: { ':past': leaseUntil },
      }),
    );
    return { ...decision.order, leaseUntil };
  }

  const updatesOf = async (orderId: string) =>
    (await spy.published(orderDeliveryUpdated)).filter((e) => e.orderId === orderId).map((e) => e.status);

  beforeAll(async () => {
    await queuesSettled([outputs.DeliveryQueueUrl, outputs.DeliveryStepsQueueUrl], { timeoutMs: 60_000 });
    spy = await eventSpy();
  });
  afterEach(async () => {
    await delivery.updateSettings({ travelMs: TRAVEL_MS });
  });
  afterAll(async () => {
    await spy?.dispose();
  });

  test('a sweep with nothing stranded changes nothing', async () => {
    await queuesSettled([outputs.DeliveryQueueUrl, outputs.DeliveryStepsQueueUrl]);
    const drivers = await delivery.drivers();

    const report = await sweep();

    expect(report).toMatchObject({ stepped: [], released: [], failed: [] });
    expect(await delivery.drivers()).toEqual(drivers);
  });

  test('the sweeper takes the step of a stranded assignment, the delivery completes and its driver is free; a healthy delivery is left alone', async () => {
    await delivery.updateSettings({ travelMs: LEG_MS });
    const healthy = readyOrder();
    await publish(orderReady, healthy);
    const onTheWay = await eventually(
      async () => {
        const o = await delivery.order(healthy.orderId);
        return o?.status === 'ASSIGNED' ? o : undefined;
      },
      { what: 'the healthy order assigned' },
    );
    const stranded = await strandedAssignment();
    const driversBefore = await delivery.drivers();

    const report = await sweep();

    // The stranded order moved on: the sweeper took its first leg's step; its last leg's message was sent. (The
    // minutely schedule may have swept it a moment before this invocation: the same code, so no matter which.)
    expect((await delivery.order(stranded.orderId))?.status).not.toBe('ASSIGNED');
    // The healthy one, inside its lease, was not touched: same state, same driver on it.
    expect(report.stepped).not.toContain(healthy.orderId);
    expect(await delivery.order(healthy.orderId)).toEqual(onTheWay);
    expect((await delivery.drivers()).find((d) => d.driverId === onTheWay.driverId)).toEqual(
      driversBefore.find((d) => d.driverId === onTheWay.driverId),
    );

    const [done, alsoDone] = await eventually(() => allDelivered([stranded.orderId, healthy.orderId]), {
      what: 'both delivered',
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    const driver = (await delivery.drivers()).find((d) => d.driverId === stranded.driverId)!;
    expect(driver.orderId === stranded.orderId).toBe(false);
    expect(
      (await delivery.assignments(stranded.driverId!)).find((a) => a.orderId === stranded.orderId),
    ).toMatchObject({
      freedAt: done!.steps.DELIVERED,
    });
    expect(done).not.toHaveProperty('leaseUntil');
    // Each step announced once, for both orders.
    await eventually(async () => (await updatesOf(alsoDone!.orderId)).length === 3 || undefined, {
      what: 'the healthy order’s three updates on the bus',
    });
    await eventually(async () => (await updatesOf(stranded.orderId)).length >= 3 || undefined, {
      what: 'the stranded order’s updates on the bus',
    });
    expect((await updatesOf(stranded.orderId)).sort()).toEqual(['ASSIGNED', 'DELIVERED', 'IN_TRANSIT']);
    expect((await updatesOf(healthy.orderId)).sort()).toEqual(['ASSIGNED', 'DELIVERED', 'IN_TRANSIT']);
  });

  test('a dead-lettered step: the sweeper completes the delivery, and redriving the DLQ afterwards changes nothing', async () => {
    await delivery.updateSettings({ travelMs: 0 });
    const stranded = await strandedAssignment();
    // Its step message tried and failed until SQS dead-lettered it.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: outputs.DeliveryStepsDlqUrl,
        MessageBody: JSON.stringify({
          source: deliveryStepDue.source,
          'detail-type': deliveryStepDue.detailType,
          time: new Date().toISOString(),
          detail: { ...stepDue(stranded, 'IN_TRANSIT'), schemaVersion: deliveryStepDue.version },
        }),
      }),
    );

    await sweep();

    const [done] = await eventually(() => allDelivered([stranded.orderId]), {
      what: 'the dead-lettered delivery completed',
      timeoutMs: 30_000,
      intervalMs: 500,
    });
    expect((await delivery.drivers()).find((d) => d.driverId === stranded.driverId)?.orderId).not.toBe(
      stranded.orderId,
    );

    // The operator redrives the steps DLQ later, as the alarm tells them to (npm run redrive -- delivery-steps).
    const result = await redrive(sqs, {
      dlqUrl: outputs.DeliveryStepsDlqUrl,
      queueUrl: outputs.DeliveryStepsQueueUrl,
    });
    expect(result.moved).toBeGreaterThanOrEqual(1);
    await queuesSettled([outputs.DeliveryStepsQueueUrl]);
    expect((await queueDepth(outputs.DeliveryStepsDlqUrl)).visible).toBe(0);

    // Nothing moved twice: the same steps at the same times, one assignment, each update announced once.
    expect(await delivery.order(stranded.orderId)).toEqual(done);
    const history = (await delivery.assignments(stranded.driverId!)).filter(
      (a) => a.orderId === stranded.orderId,
    );
    expect(history).toHaveLength(1);
    await eventually(async () => (await updatesOf(stranded.orderId)).length >= 3 || undefined, {
      what: 'the updates on the bus',
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await updatesOf(stranded.orderId)).sort()).toEqual(['ASSIGNED', 'DELIVERED', 'IN_TRANSIT']);
  });
});
