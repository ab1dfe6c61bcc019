import type { OrderView } from '../../functions/orders/domain/order-view';
import { kitchenOperator } from '../../scripts/lib/kitchen';
import { loadOutputs } from '../../scripts/lib/target';
import { trace } from '../../scripts/lib/trace';
import { DEMO_USERS, ensureUser } from '../../scripts/lib/users';
import { kitchenOffline } from '../../scripts/scenarios/kitchen-offline';
import { kitchenRedrive } from '../../scripts/scenarios/kitchen-redrive';
import { customer, placeOrders, silent, waitForStatus } from '../../scripts/scenarios/pizza-scenario';
import { twoKitchens } from '../../scripts/scenarios/two-kitchens';
import { eventually } from '../support/platform';

jest.setTimeout(180_000);

/** The scenario scripts a user runs, run here and held to what they report. Orders go through API Gateway. */
describe('the pizza scenarios', () => {
  beforeAll(async () => {
    // The scenarios sign in as the demo users, as after `npm run up`; this emulator started empty.
    for (const user of DEMO_USERS) await ensureUser(user);
  });

  test('kitchen offline: five paid orders wait in the queue, none cooked; back on, each is cooked once and delivered', async () => {
    const report = await kitchenOffline(silent);
    expect(report).toEqual({
      placed: 5,
      waitingInQueue: expect.any(Number),
      cookedWhileOff: 0,
      delivered: 5,
      cookedOnce: true,
    });
    expect(report.waitingInQueue).toBeGreaterThanOrEqual(5);
  });

  test('two kitchens: a rush of orders is spread over both kitchens', async () => {
    // With no preparation time at all, one kitchen can empty the queue before the other polls; a little oven
    // time is what makes the sharing visible, as in the demo (5-10 s there).
    const kitchen = kitchenOperator(loadOutputs());
    const before = await kitchen.repository.settings();
    await kitchen.repository.updateSettings({ prepMinMs: 1000, prepMaxMs: 1500 });
    let report: Awaited<ReturnType<typeof twoKitchens>>;
    try {
      report = await twoKitchens(silent, 10);
    } finally {
      await kitchen.repository.updateSettings({ prepMinMs: before.prepMinMs, prepMaxMs: before.prepMaxMs });
    }
    expect(Object.keys(report.cookedBy).sort()).toEqual(['kitchen-1', 'kitchen-2']);
    expect(Object.values(report.cookedBy).reduce((a, b) => a + b, 0)).toBe(10);
    expect(report.claimedByTheirCook).toBe(10);
  });

  test('redrive: faulty orders reach the kitchen DLQ, its alarm watches that depth, and after the fix each is cooked once', async () => {
    const report = await kitchenRedrive(silent, 3);
    expect(report.deadLettered).toBe(3);
    expect(report.alarmMetric).toBe('AWS/SQS/ApproximateNumberOfMessagesVisible ≥ 1');
    expect(report.redrive.moved).toBe(report.redrive.found);
    expect(report.redrive.moved).toBeGreaterThanOrEqual(3);
    expect(report).toMatchObject({ delivered: 3, cookedOnce: true });
  });

  test('trace: one correlation id follows an order through orders, kitchen, delivery and notifications, in time order', async () => {
    const api = await customer('bob');
    const [order] = await placeOrders(api, 1, 'trace');
    const [delivered] = await waitForStatus(api, [order!.orderId], 'DELIVERED');
    expect((delivered as OrderView).status).toBe('DELIVERED');

    const lines = await eventually(
      async () => {
        const found = await trace(order!.orderId);
        const services = new Set(found.map((l) => l.service));
        return ['orders', 'kitchen', 'delivery', 'notifications'].every((s) => services.has(s))
          ? found
          : undefined;
      },
      { what: 'log lines from every service on the order path', timeoutMs: 30_000, intervalMs: 1000 },
    );
    const correlationIds = new Set(lines.map((l) => l.correlationId).filter(Boolean));
    expect(correlationIds.size).toBe(1);
    const times = lines.map((l) => l.at);
    expect([...times].sort()).toEqual(times);
    const firstOf = (service: string) => lines.findIndex((l) => l.service === service);
    expect(firstOf('orders')).toBeLessThan(firstOf('kitchen'));
    expect(firstOf('kitchen')).toBeLessThan(firstOf('delivery'));
  });
});
