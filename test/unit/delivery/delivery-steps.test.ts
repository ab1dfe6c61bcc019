import type { Logger } from '@aws-lambda-powertools/logger';
import type { DeliveryRepository } from '../../../functions/delivery/adapters/delivery-repository';
import type { StepScheduler } from '../../../functions/delivery/adapters/step-scheduler';
import { advanceStep } from '../../../functions/delivery/advance-step';
import { dispatch } from '../../../functions/delivery/dispatch';
import type { DeliveryOrder, DriverState, WaitingOrder } from '../../../functions/delivery/domain/delivery';
import type { EventPublisher } from '../../../shared/messaging/event-publisher';

const NOW = new Date('2026-11-22T19:00:00.000Z');

/** An in-memory delivery table: just what a step and a dispatch run read and write. */
function fakeDeliveries(options: {
  orders?: DeliveryOrder[];
  waiting?: WaitingOrder[];
  drivers?: DriverState[];
}) {
  const orders = new Map((options.orders ?? []).map((o) => [o.orderId, { ...o }]));
  const freed: string[] = [];
  const repo = {
    async seedDrivers() {},
    async settings() {
      return { travelMs: 0 };
    },
    async order(orderId: string) {
      const order = orders.get(orderId);
      return order ? { ...order, steps: { ...order.steps } } : undefined;
    },
    async advance(orderId: string, from: string, step: 'IN_TRANSIT' | 'DELIVERED', now: Date) {
      const order = orders.get(orderId)!;
      if (order.status !== from) return false;
      orders.set(orderId, { ...order, status: step, steps: { ...order.steps, [step]: now.toISOString() } });
      return true;
    },
    async freeDriver(order: DeliveryOrder) {
      freed.push(order.orderId);
      return true;
    },
    async waiting() {
      return options.waiting ?? [];
    },
    async drivers() {
      return options.drivers ?? [];
    },
    // Another worker wins every driver first.
    async assign() {
      return false;
    },
    async pendingAnnouncements() {
      return [];
    },
    async announced() {},
  };
  return { repo: repo as unknown as DeliveryRepository, freed };
}

function deps(deliveries: DeliveryRepository, publisher: Partial<EventPublisher> = {}) {
  return {
    deliveries,
    publisher: { publish: async () => {}, ...publisher } as unknown as EventPublisher,
    steps: { schedule: async () => {} } as StepScheduler,
    logger: { info: () => {}, warn: () => {} } as unknown as Logger,
    now: () => NOW,
  };
}

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

describe('a delivery step at the door', () => {
  test('frees the driver even when announcing DELIVERED fails, so a dead-lettered step strands no one', async () => {
    const { repo, freed } = fakeDeliveries({ orders: [inTransit] });
    const failingBus = {
      publish: async () => {
        throw new Error('bus down');
      },
    };

    await expect(advanceStep(deps(repo, failingBus), inTransit, 'DELIVERED')).rejects.toThrow('bus down');

    expect(freed).toEqual(['ord_1']);
  });
});

describe('dispatching waiting orders to free drivers', () => {
  const waitingOrder = { orderId: 'ord_w', waitingSince: '2026-11-22T18:55:00.000Z' };
  const freeDriver: DriverState = {
    driverId: 'driver-2',
    name: 'Anna Schmidt',
    assignments: 0,
    freeSince: '2026-11-22T18:00:00.000Z',
  };

  test('fails when other workers keep winning the drivers, so the message is retried instead of forgotten', async () => {
    const { repo } = fakeDeliveries({ waiting: [waitingOrder], drivers: [freeDriver] });

    await expect(dispatch(deps(repo))).rejects.toThrow(/rounds/);
  });

  test('ends quietly when every driver is out: the order waits for the next driver to come back', async () => {
    const { repo } = fakeDeliveries({
      waiting: [waitingOrder],
      drivers: [{ ...freeDriver, orderId: 'ord_other' }],
    });

    await expect(dispatch(deps(repo))).resolves.toBeUndefined();
  });
});
