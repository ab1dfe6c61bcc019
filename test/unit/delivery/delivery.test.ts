import { advanceOrder, nextStep, stepDecision } from '../../../functions/delivery/domain/advance';
import { assignDriver, oldestFirst, pairUp } from '../../../functions/delivery/domain/dispatch';
import { freeDrivers } from '../../../functions/delivery/domain/drivers';
import { checkTravelMs, stepDelaySeconds } from '../../../functions/delivery/domain/legs';
import { deliveryEvent } from '../../../functions/delivery/domain/order';
import { sweptStep } from '../../../functions/delivery/domain/sweep';
import type { DeliveryOrder, DriverState } from '../../../functions/delivery/domain/types';

const driver = (driverId: string, freeSince: string, orderId?: string): DriverState => ({
  driverId,
  name: `Driver ${driverId}`,
  assignments: 0,
  freeSince,
  ...(orderId ? { orderId } : {}),
});
const waiting = (orderId: string, waitingSince: string) => ({ orderId, waitingSince });

describe('choosing drivers', () => {
  test('a driver on an order is never chosen', () => {
    const drivers = [
      driver('driver-1', '2026-01-01T10:00:00Z', 'ord_a'),
      driver('driver-2', '2026-01-01T11:00:00Z'),
    ];

    expect(freeDrivers(drivers).map((d) => d.driverId)).toEqual(['driver-2']);
  });

  test('the driver free longest is chosen first; equal times go by id', () => {
    const drivers = [
      driver('driver-3', '2026-01-01T10:05:00Z'),
      driver('driver-2', '2026-01-01T10:00:00Z'),
      driver('driver-1', '2026-01-01T10:00:00Z'),
    ];

    expect(freeDrivers(drivers).map((d) => d.driverId)).toEqual(['driver-1', 'driver-2', 'driver-3']);
  });

  test('with no driver free, nothing is paired and every order keeps waiting', () => {
    const busy = [driver('driver-1', 't', 'ord_a'), driver('driver-2', 't', 'ord_b')];

    expect(pairUp([waiting('ord_c', '2026-01-01T10:00:00Z')], busy)).toEqual([]);
  });

  test('the orders that wait longest get the free drivers, one driver each; the rest wait', () => {
    const drivers = [driver('driver-1', '2026-01-01T09:00:00Z'), driver('driver-2', '2026-01-01T08:00:00Z')];
    const orders = [
      waiting('ord_new', '2026-01-01T10:03:00Z'),
      waiting('ord_old', '2026-01-01T10:01:00Z'),
      waiting('ord_mid', '2026-01-01T10:02:00Z'),
    ];

    const pairs = pairUp(orders, drivers).map((p) => [p.order.orderId, p.driver.driverId]);

    expect(pairs).toEqual([
      ['ord_old', 'driver-2'],
      ['ord_mid', 'driver-1'],
    ]);
  });

  test('no driver is paired with two orders in one round', () => {
    const drivers = [driver('driver-1', 'a'), driver('driver-2', 'b'), driver('driver-3', 'c', 'ord_x')];
    const orders = Array.from({ length: 6 }, (_, i) => waiting(`ord_${i}`, `2026-01-01T10:0${i}:00Z`));

    const used = pairUp(orders, drivers).map((p) => p.driver.driverId);

    expect(used).toHaveLength(2);
    expect(new Set(used).size).toBe(used.length);
  });

  test('the waiting list is served oldest first, ties by order id', () => {
    const list = [
      waiting('ord_b', '2026-01-01T10:00:00Z'),
      waiting('ord_a', '2026-01-01T10:00:00Z'),
      waiting('ord_c', '2026-01-01T09:00:00Z'),
    ];

    expect(oldestFirst(list).map((o) => o.orderId)).toEqual(['ord_c', 'ord_a', 'ord_b']);
  });
});

describe('the steps of a delivery', () => {
  test('an order goes WAITING → ASSIGNED → IN_TRANSIT → DELIVERED, and no further', () => {
    expect([
      nextStep('WAITING'),
      nextStep('ASSIGNED'),
      nextStep('IN_TRANSIT'),
      nextStep('DELIVERED'),
    ]).toEqual(['ASSIGNED', 'IN_TRANSIT', 'DELIVERED', undefined]);
  });

  test('a due step moves the order on from the status right before it', () => {
    expect(stepDecision('ASSIGNED', 'IN_TRANSIT')).toBe('advance');
    expect(stepDecision('IN_TRANSIT', 'DELIVERED')).toBe('advance');
  });

  test('a repeated or late step finds the order there already and changes nothing', () => {
    expect(stepDecision('IN_TRANSIT', 'IN_TRANSIT')).toBe('done');
    expect(stepDecision('DELIVERED', 'IN_TRANSIT')).toBe('done');
    expect(stepDecision('DELIVERED', 'DELIVERED')).toBe('done');
  });

  test('a step that skips one is out of order', () => {
    expect(stepDecision('ASSIGNED', 'DELIVERED')).toBe('out-of-order');
    expect(stepDecision('WAITING', 'IN_TRANSIT')).toBe('out-of-order');
  });

  test('a leg is delayed by its travel time in whole seconds, rounded up, at most 15 minutes', () => {
    expect([0, 1, 1000, 1001, 3000, 2_000_000].map(stepDelaySeconds)).toEqual([0, 1, 1, 2, 3, 900]);
  });

  test('travel times outside 0..15 minutes or not whole are refused', () => {
    expect(checkTravelMs(0)).toBe(0);
    for (const bad of [-1, 1.5, 900_001, Number.NaN]) expect(() => checkTravelMs(bad)).toThrow();
  });

  test('each step is announced with an id of the order and the step, and the driver', () => {
    const order: DeliveryOrder = {
      orderId: 'ord_1',
      userId: 'user-1',
      correlationId: 'corr-1',
      status: 'IN_TRANSIT',
      readyAt: '2026-01-01T10:00:00.000Z',
      waitingSince: '2026-01-01T10:00:01.000Z',
      driverId: 'driver-2',
      driverName: 'Anna Schmidt',
      assignment: 1,
      steps: { ASSIGNED: '2026-01-01T10:00:02.000Z', IN_TRANSIT: '2026-01-01T10:00:05.000Z' },
    };

    expect(deliveryEvent(order, 'IN_TRANSIT')).toEqual({
      eventId: 'delivery#ord_1#IN_TRANSIT',
      correlationId: 'corr-1',
      orderId: 'ord_1',
      userId: 'user-1',
      status: 'IN_TRANSIT',
      driverId: 'driver-2',
      driverName: 'Anna Schmidt',
      at: '2026-01-01T10:00:05.000Z',
    });
    expect(() => deliveryEvent(order, 'DELIVERED')).toThrow(/has not reached DELIVERED/);
  });
});

describe('the conditions a change is saved under', () => {
  const now = new Date('2026-11-22T19:00:00.000Z');
  const order: DeliveryOrder = {
    orderId: 'ord_c',
    userId: 'u',
    correlationId: 'c',
    status: 'WAITING',
    readyAt: '2026-11-22T18:00:00.000Z',
    waitingSince: '2026-11-22T18:00:00.000Z',
    steps: {},
  };

  test('an assignment expects the order still waiting and the driver free and unchanged since read', () => {
    const decision = assignDriver(
      order,
      { ...driver('driver-4', '2026-01-01T10:00:00Z'), assignments: 7 },
      now,
      2000,
    );

    expect(decision).toMatchObject({
      outcome: 'assign',
      expected: { orderStatus: 'WAITING', driverAssignments: 7, driverFree: true },
      driver: { orderId: 'ord_c', assignments: 8 },
      assignment: { assignment: 8, assignedAt: '2026-11-22T19:00:00.000Z' },
      // The first leg (2 s) and the grace: until then the driver is held without the sweeper stepping in.
      order: { leaseUntil: '2026-11-22T19:01:02.000Z' },
    });
  });

  test('a driver already on an order is not assigned', () => {
    expect(assignDriver(order, driver('driver-4', '2026-01-01T10:00:00Z', 'ord_x'), now, 2000)).toEqual({
      outcome: 'driver-busy',
    });
  });

  test('a step expects the order in the status before it; at the door it frees the driver', () => {
    const onTheWay: DeliveryOrder = {
      ...order,
      status: 'IN_TRANSIT',
      driverId: 'driver-4',
      driverName: 'Lisa Weber',
      assignment: 8,
      steps: { ASSIGNED: '2026-11-22T18:10:00.000Z', IN_TRANSIT: '2026-11-22T18:20:00.000Z' },
    };

    const decision = advanceOrder(onTheWay, 'DELIVERED', now, 2000);

    expect(decision).toMatchObject({
      outcome: 'advance',
      expected: { orderStatus: 'IN_TRANSIT' },
      freed: { driverId: 'driver-4', assignment: 8, orderId: 'ord_c' },
      order: { status: 'DELIVERED', steps: { DELIVERED: '2026-11-22T19:00:00.000Z' } },
    });
    // Delivered: no leg holds the driver any more.
    expect((decision as { order: DeliveryOrder }).order).not.toHaveProperty('leaseUntil');
  });

  test('a step on the way starts the next leg, with its own lease', () => {
    const assigned: DeliveryOrder = {
      ...order,
      status: 'ASSIGNED',
      driverId: 'driver-4',
      driverName: 'Lisa Weber',
      assignment: 8,
      steps: { ASSIGNED: '2026-11-22T18:59:57.000Z' },
      leaseUntil: '2026-11-22T19:00:59.000Z',
    };

    expect(advanceOrder(assigned, 'IN_TRANSIT', now, 2500)).toMatchObject({
      order: { status: 'IN_TRANSIT', leaseUntil: '2026-11-22T19:01:03.000Z' },
    });
  });
});

describe('what the sweeper does about a driver on an order', () => {
  const now = new Date('2026-11-22T19:00:00.000Z');
  const busy: DriverState = { ...driver('driver-3', '2026-11-22T18:00:00.000Z', 'ord_s'), assignments: 4 };
  const onLeg = (status: 'ASSIGNED' | 'IN_TRANSIT', leaseUntil?: string): DeliveryOrder => ({
    orderId: 'ord_s',
    userId: 'u',
    correlationId: 'c',
    status,
    readyAt: '2026-11-22T18:40:00.000Z',
    waitingSince: '2026-11-22T18:40:00.000Z',
    driverId: 'driver-3',
    driverName: 'Peter Mueller',
    assignment: 4,
    steps: {
      ASSIGNED: '2026-11-22T18:58:00.000Z',
      ...(status === 'IN_TRANSIT' ? { IN_TRANSIT: '2026-11-22T18:59:00.000Z' } : {}),
    },
    ...(leaseUntil ? { leaseUntil } : {}),
  });

  test('leaves a leg inside its lease alone', () => {
    expect(sweptStep(onLeg('ASSIGNED', '2026-11-22T19:00:00.001Z'), busy, now)).toBe('healthy');
  });

  test('takes the step of a leg past its lease: to IN_TRANSIT from ASSIGNED, to the door from IN_TRANSIT', () => {
    expect(sweptStep(onLeg('ASSIGNED', '2026-11-22T19:00:00.000Z'), busy, now)).toEqual({
      step: 'IN_TRANSIT',
    });
    expect(sweptStep(onLeg('IN_TRANSIT', '2026-11-22T18:59:30.000Z'), busy, now)).toEqual({
      step: 'DELIVERED',
    });
  });

  test('an order saved before leases holds its driver for the longest leg and the grace', () => {
    expect(sweptStep(onLeg('IN_TRANSIT'), busy, now)).toBe('healthy');
    expect(sweptStep(onLeg('IN_TRANSIT'), busy, new Date('2026-11-22T19:14:59.999Z'))).toBe('healthy');
    expect(sweptStep(onLeg('IN_TRANSIT'), busy, new Date('2026-11-22T19:15:00.000Z'))).toEqual({
      step: 'DELIVERED',
    });
  });

  test('frees a driver whose order does not hold them: unknown, delivered, or another assignment', () => {
    expect(sweptStep(undefined, busy, now)).toBe('release');
    expect(sweptStep({ ...onLeg('IN_TRANSIT'), status: 'DELIVERED' }, busy, now)).toBe('release');
    expect(sweptStep({ ...onLeg('IN_TRANSIT'), assignment: 3 }, busy, now)).toBe('release');
    expect(sweptStep({ ...onLeg('IN_TRANSIT'), driverId: 'driver-5' }, busy, now)).toBe('release');
  });
});
