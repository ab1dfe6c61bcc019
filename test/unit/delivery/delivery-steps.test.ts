import type { EventInput } from '../../../events/define-event';
import type { deliveryStepDue } from '../../../events/delivery-steps';
import { orderDeliveryUpdated } from '../../../events/pizza';
import type { AdvanceDecision } from '../../../functions/delivery/domain/advance';
import type { AssignDecision } from '../../../functions/delivery/domain/dispatch';
import type { ReleaseDecision } from '../../../functions/delivery/domain/sweep';
import type { DeliveryOrder, DriverState, WaitingOrder } from '../../../functions/delivery/domain/types';
import type { DeliveryStore, StepScheduler } from '../../../functions/delivery/ports';
import { advanceDelivery } from '../../../functions/delivery/use-cases/advance-delivery';
import { dispatchDrivers } from '../../../functions/delivery/use-cases/dispatch-drivers';
import { receiveReadyOrder } from '../../../functions/delivery/use-cases/receive-ready-order';
import { sweepDeliveries } from '../../../functions/delivery/use-cases/sweep-deliveries';

const NOW = new Date('2026-11-22T19:00:00.000Z');

/**
 * The delivery table in memory, keeping the adapter's promise: a decision is saved only while its expectations
 * hold, state and events together.
 */
class InMemoryDeliveryStore implements DeliveryStore {
  readonly orders = new Map<string, DeliveryOrder>();
  readonly drivers_ = new Map<string, DriverState>();
  readonly outbox: { eventId: string; status: string }[] = [];
  /** A rival worker that wins every assignment first, when set. */
  rivalWinsAssignments = false;

  constructor(state: { orders?: DeliveryOrder[]; drivers?: DriverState[] } = {}) {
    for (const o of state.orders ?? []) this.orders.set(o.orderId, structuredClone(o));
    for (const d of state.drivers ?? []) this.drivers_.set(d.driverId, { ...d });
  }

  async settings() {
    return { travelMs: 2000 };
  }
  async seedDrivers() {}
  async drivers() {
    return [...this.drivers_.values()].map((d) => ({ ...d }));
  }
  async order(orderId: string) {
    const order = this.orders.get(orderId);
    return order ? structuredClone(order) : undefined;
  }
  async enqueue(order: DeliveryOrder) {
    if (this.orders.has(order.orderId)) return false;
    this.orders.set(order.orderId, structuredClone(order));
    return true;
  }
  async waiting(limit: number): Promise<WaitingOrder[]> {
    return [...this.orders.values()]
      .filter((o) => o.status === 'WAITING')
      .map(({ orderId, waitingSince }) => ({ orderId, waitingSince }))
      .slice(0, limit);
  }
  async assign(decision: AssignDecision) {
    const order = this.orders.get(decision.order.orderId);
    const driver = this.drivers_.get(decision.driver.driverId);
    if (this.rivalWinsAssignments || !order || !driver) return false;
    if (order.status !== decision.expected.orderStatus) return false;
    if (driver.assignments !== decision.expected.driverAssignments || driver.orderId) return false;
    this.orders.set(order.orderId, structuredClone(decision.order));
    this.drivers_.set(driver.driverId, { ...decision.driver });
    this.record(decision.events);
    return true;
  }
  async advance(decision: AdvanceDecision) {
    const order = this.orders.get(decision.order.orderId);
    if (!order || order.status !== decision.expected.orderStatus) return false;
    this.orders.set(order.orderId, structuredClone(decision.order));
    if (decision.freed) {
      const { orderId: _gone, ...free } = this.drivers_.get(decision.freed.driverId)!;
      this.drivers_.set(free.driverId, { ...free, freeSince: decision.freed.at });
    }
    this.record(decision.events);
    return true;
  }
  async release(decision: ReleaseDecision) {
    const driver = this.drivers_.get(decision.driverId);
    if (!driver || driver.orderId !== decision.orderId || driver.assignments !== decision.assignment)
      return false;
    const { orderId: _gone, ...free } = driver;
    this.drivers_.set(free.driverId, { ...free, freeSince: decision.at });
    return true;
  }
  private record(events: AssignDecision['events']) {
    for (const e of events) {
      const detail = e.detail as EventInput<typeof orderDeliveryUpdated>;
      expect(e.definition).toBe(orderDeliveryUpdated);
      this.outbox.push({ eventId: detail.eventId, status: detail.status });
    }
  }
}

/** The steps queue in memory: what was sent and with which delay; it can be made to fail. */
class RecordingStepScheduler implements StepScheduler {
  readonly sent: { eventId: string; delaySeconds: number }[] = [];
  failing = false;
  async schedule(step: EventInput<typeof deliveryStepDue>, delaySeconds: number) {
    if (this.failing) throw new Error('SQS unreachable');
    this.sent.push({ eventId: step.eventId, delaySeconds });
  }
}

const deps = (store: DeliveryStore, steps: StepScheduler = new RecordingStepScheduler()) => ({
  store,
  steps,
  log: { info: () => {} },
  now: () => NOW,
});

const freeDriver: DriverState = {
  driverId: 'driver-2',
  name: 'Anna Schmidt',
  assignments: 0,
  freeSince: '2026-11-22T18:00:00.000Z',
};
const inTransit: DeliveryOrder = {
  orderId: 'ord_1',
  userId: 'u1',
  correlationId: 'c1',
  status: 'IN_TRANSIT',
  readyAt: '2026-11-22T18:50:00.000Z',
  waitingSince: '2026-11-22T18:50:00.000Z',
  driverId: 'driver-1',
  driverName: 'Max Mustermann',
  assignment: 1,
  steps: { ASSIGNED: '2026-11-22T18:51:00.000Z', IN_TRANSIT: '2026-11-22T18:52:00.000Z' },
};
const busyDriver: DriverState = {
  driverId: 'driver-1',
  name: 'Max Mustermann',
  orderId: 'ord_1',
  assignments: 1,
  freeSince: '2026-11-22T18:00:00.000Z',
};
const ready = { orderId: 'ord_r', userId: 'u2', readyAt: '2026-11-22T18:59:00.000Z' };

describe('a ready order', () => {
  test('gets the free driver: ASSIGNED is saved with the order and its first leg is sent, delayed by the travel time', async () => {
    const store = new InMemoryDeliveryStore({ drivers: [freeDriver] });
    const steps = new RecordingStepScheduler();

    await receiveReadyOrder(deps(store, steps), ready, 'corr-r');

    expect(store.orders.get('ord_r')).toMatchObject({ status: 'ASSIGNED', driverId: 'driver-2' });
    expect(store.outbox).toEqual([{ eventId: 'delivery#ord_r#ASSIGNED', status: 'ASSIGNED' }]);
    expect(steps.sent).toEqual([{ eventId: 'step#ord_r#IN_TRANSIT', delaySeconds: 2 }]);
  });

  test('waits, with no event, when every driver is out', async () => {
    const store = new InMemoryDeliveryStore({ drivers: [busyDriver] });

    await receiveReadyOrder(deps(store), ready, 'corr-r');

    expect(store.orders.get('ord_r')?.status).toBe('WAITING');
    expect(store.outbox).toEqual([]);
  });

  test('that arrives twice joins the waiting list once', async () => {
    const store = new InMemoryDeliveryStore({ drivers: [busyDriver] });
    await receiveReadyOrder(deps(store), ready, 'corr-r');

    const again = await receiveReadyOrder(deps(store), ready, 'corr-r');

    expect(again.known).toBe(true);
    expect(await store.waiting(10)).toHaveLength(1);
  });
});

describe('dispatching waiting orders to free drivers', () => {
  test('fails when other workers keep winning the drivers, so the message is retried instead of forgotten', async () => {
    const store = new InMemoryDeliveryStore({ drivers: [freeDriver] });
    await store.enqueue({ ...inTransit, orderId: 'ord_w', status: 'WAITING', steps: {} });
    store.rivalWinsAssignments = true;

    await expect(dispatchDrivers(deps(store))).rejects.toThrow(/rounds/);
  });
});

describe('a delivery step at the door', () => {
  test('saves DELIVERED and frees the driver in one change, with its event', async () => {
    const store = new InMemoryDeliveryStore({ orders: [inTransit], drivers: [busyDriver] });

    await advanceDelivery(deps(store), { orderId: 'ord_1', step: 'DELIVERED' });

    expect(store.orders.get('ord_1')?.status).toBe('DELIVERED');
    expect(store.drivers_.get('driver-1')?.orderId).toBeUndefined();
    expect(store.outbox).toEqual([{ eventId: 'delivery#ord_1#DELIVERED', status: 'DELIVERED' }]);
  });

  test('the freed driver takes the order that waits longest', async () => {
    const store = new InMemoryDeliveryStore({ orders: [inTransit], drivers: [busyDriver] });
    await store.enqueue({
      ...inTransit,
      orderId: 'ord_w',
      status: 'WAITING',
      steps: {},
      driverId: undefined,
    });

    await advanceDelivery(deps(store), { orderId: 'ord_1', step: 'DELIVERED' });

    expect(store.orders.get('ord_w')).toMatchObject({ status: 'ASSIGNED', driverId: 'driver-1' });
  });

  test('repeated, changes nothing and announces nothing again', async () => {
    const store = new InMemoryDeliveryStore({ orders: [inTransit], drivers: [busyDriver] });
    await advanceDelivery(deps(store), { orderId: 'ord_1', step: 'DELIVERED' });

    const again = await advanceDelivery(deps(store), { orderId: 'ord_1', step: 'DELIVERED' });

    expect(again.outcome).toBe('done');
    expect(store.outbox).toHaveLength(1);
  });
});

describe('a delivery step on the way', () => {
  const assigned: DeliveryOrder = {
    ...inTransit,
    status: 'ASSIGNED',
    steps: { ASSIGNED: inTransit.steps.ASSIGNED },
  };

  test('moves the order IN_TRANSIT and sends the last leg', async () => {
    const store = new InMemoryDeliveryStore({ orders: [assigned], drivers: [busyDriver] });
    const steps = new RecordingStepScheduler();

    await advanceDelivery(deps(store, steps), { orderId: 'ord_1', step: 'IN_TRANSIT' });

    expect(store.outbox).toEqual([{ eventId: 'delivery#ord_1#IN_TRANSIT', status: 'IN_TRANSIT' }]);
    expect(steps.sent).toEqual([{ eventId: 'step#ord_1#DELIVERED', delaySeconds: 2 }]);
  });

  test('retried after the last leg could not be sent, sends it then', async () => {
    const store = new InMemoryDeliveryStore({ orders: [assigned], drivers: [busyDriver] });
    const steps = new RecordingStepScheduler();
    steps.failing = true;
    await expect(
      advanceDelivery(deps(store, steps), { orderId: 'ord_1', step: 'IN_TRANSIT' }),
    ).rejects.toThrow();
    steps.failing = false;

    await advanceDelivery(deps(store, steps), { orderId: 'ord_1', step: 'IN_TRANSIT' });

    expect(steps.sent).toEqual([{ eventId: 'step#ord_1#DELIVERED', delaySeconds: 2 }]);
    expect(store.outbox).toHaveLength(1);
  });

  test('that comes before the order was assigned fails, so the message comes back later', async () => {
    const store = new InMemoryDeliveryStore({ orders: [{ ...assigned, status: 'WAITING', steps: {} }] });

    await expect(advanceDelivery(deps(store), { orderId: 'ord_1', step: 'DELIVERED' })).rejects.toThrow(
      /cannot come yet/,
    );
  });

  test('for an order delivery does not know is reported, so the handler dead-letters it', async () => {
    const store = new InMemoryDeliveryStore();

    expect(await advanceDelivery(deps(store), { orderId: 'nope', step: 'IN_TRANSIT' })).toEqual({
      outcome: 'unknown-order',
    });
  });
});

describe('the sweeper', () => {
  const LATE = new Date('2026-11-22T19:10:00.000Z');
  const at = (now: Date) => ({ now: () => now });
  /** ASSIGNED by a worker that died before it sent the leg's step message: the lease is all that is left. */
  const stranded: DeliveryOrder = {
    ...inTransit,
    status: 'ASSIGNED',
    steps: { ASSIGNED: '2026-11-22T18:51:00.000Z' },
    leaseUntil: '2026-11-22T18:52:02.000Z',
  };

  test('takes the step of a leg whose message never came, once its lease ran out, and the delivery goes on', async () => {
    const store = new InMemoryDeliveryStore({ orders: [stranded], drivers: [busyDriver] });
    const steps = new RecordingStepScheduler();

    const report = await sweepDeliveries({ ...deps(store, steps), ...at(LATE) });

    expect(report).toMatchObject({ busy: 1, stepped: ['ord_1'], released: [], failed: [] });
    expect(store.orders.get('ord_1')).toMatchObject({
      status: 'IN_TRANSIT',
      leaseUntil: '2026-11-22T19:11:02.000Z',
    });
    expect(store.outbox).toEqual([{ eventId: 'delivery#ord_1#IN_TRANSIT', status: 'IN_TRANSIT' }]);
    expect(steps.sent).toEqual([{ eventId: 'step#ord_1#DELIVERED', delaySeconds: 2 }]);
  });

  test('at the door, frees the driver, who takes the order that waits longest', async () => {
    const store = new InMemoryDeliveryStore({
      orders: [{ ...inTransit, leaseUntil: '2026-11-22T18:53:02.000Z' }],
      drivers: [busyDriver],
    });
    await store.enqueue({
      ...inTransit,
      orderId: 'ord_w',
      status: 'WAITING',
      steps: {},
      driverId: undefined,
    });

    const report = await sweepDeliveries({ ...deps(store), ...at(LATE) });

    expect(report.stepped).toEqual(['ord_1']);
    expect(store.orders.get('ord_1')?.status).toBe('DELIVERED');
    expect(store.orders.get('ord_w')).toMatchObject({ status: 'ASSIGNED', driverId: 'driver-1' });
  });

  test('leaves a healthy delivery alone: nothing written, nothing sent', async () => {
    const healthy = { ...stranded, leaseUntil: '2026-11-22T19:10:00.001Z' };
    const store = new InMemoryDeliveryStore({ orders: [healthy], drivers: [busyDriver] });
    const steps = new RecordingStepScheduler();

    const report = await sweepDeliveries({ ...deps(store, steps), ...at(LATE) });

    expect(report).toMatchObject({ busy: 1, stepped: [], released: [] });
    expect(store.orders.get('ord_1')).toEqual(healthy);
    expect(store.drivers_.get('driver-1')).toEqual(busyDriver);
    expect(store.outbox).toEqual([]);
    expect(steps.sent).toEqual([]);
  });

  test('and the late step message after it (or a redriven one) changes nothing', async () => {
    const store = new InMemoryDeliveryStore({ orders: [stranded], drivers: [busyDriver] });
    const steps = new RecordingStepScheduler();
    await sweepDeliveries({ ...deps(store, steps), ...at(LATE) });

    const late = await advanceDelivery(
      { ...deps(store, steps), ...at(LATE) },
      { orderId: 'ord_1', step: 'IN_TRANSIT' },
    );
    await advanceDelivery({ ...deps(store, steps), ...at(LATE) }, { orderId: 'ord_1', step: 'DELIVERED' });
    const again = await sweepDeliveries({
      ...deps(store, steps),
      ...at(new Date('2026-11-22T20:00:00.000Z')),
    });

    expect(late.outcome).toBe('done');
    expect(again).toMatchObject({ busy: 0, stepped: [] });
    expect(store.outbox.map((e) => e.status)).toEqual(['IN_TRANSIT', 'DELIVERED']);
  });

  test('frees a driver held by an order that does not hold them, without touching the order', async () => {
    const delivered = { ...inTransit, status: 'DELIVERED' as const };
    const store = new InMemoryDeliveryStore({ orders: [delivered], drivers: [busyDriver] });

    const report = await sweepDeliveries({ ...deps(store), ...at(LATE) });

    expect(report.released).toEqual(['driver-1']);
    expect(store.drivers_.get('driver-1')?.orderId).toBeUndefined();
    expect(store.orders.get('ord_1')).toEqual(delivered);
    expect(store.outbox).toEqual([]);
  });

  test('a delivery it cannot move on is reported and the others are still swept', async () => {
    const other: DriverState = {
      ...busyDriver,
      driverId: 'driver-2',
      name: 'Anna Schmidt',
      orderId: 'ord_2',
    };
    const store = new InMemoryDeliveryStore({
      orders: [stranded, { ...stranded, orderId: 'ord_2', driverId: 'driver-2', driverName: 'Anna Schmidt' }],
      drivers: [busyDriver, other],
    });
    const steps = new RecordingStepScheduler();
    const advance = store.advance.bind(store);
    store.advance = async (decision) => {
      if (decision.order.orderId === 'ord_1') throw new Error('throttled');
      return advance(decision);
    };

    const report = await sweepDeliveries({ ...deps(store, steps), ...at(LATE) });

    expect(report).toMatchObject({ failed: ['ord_1'], stepped: ['ord_2'] });
    expect(store.orders.get('ord_2')?.status).toBe('IN_TRANSIT');
  });
});
