import type { OutgoingEvent } from '../../../events/define-event';
import { orderReady } from '../../../events/pizza';
import {
  CLAIM_LEASE_MS,
  type CookedOrder,
  type KitchenSettings,
  mayClaim,
  type OrderClaim,
  settingsFrom,
} from '../../../functions/kitchen/domain/kitchen';
import type { KitchenStore, Oven } from '../../../functions/kitchen/ports';
import { cookOrder } from '../../../functions/kitchen/use-cases/cook-order';

const NOW = new Date('2026-11-22T18:36:10.000Z');
const order = { orderId: 'ord_1', userId: 'user-1', correlationId: 'corr-1' };
const worker = { kitchenName: 'kitchen-1', kitchenWorker: 'kitchen-1/ab12' };

/** The kitchen table in memory: cooked orders, and the outbox written with them. */
class InMemoryKitchenStore implements KitchenStore {
  readonly cookedOrders = new Map<string, CookedOrder>();
  readonly outbox: OutgoingEvent[] = [];
  constructor(private readonly current: KitchenSettings = settingsFrom({ prepMinMs: 0, prepMaxMs: 0 })) {}

  async settings() {
    return this.current;
  }
  async cooked(orderId: string) {
    return this.cookedOrders.get(orderId);
  }
  readonly claims = new Map<string, OrderClaim>();
  async claim(claim: OrderClaim, now: Date) {
    const current = this.claims.get(claim.orderId);
    if (!mayClaim(current, claim.kitchenName, now)) return { claimed: false as const, current };
    this.claims.set(claim.orderId, claim);
    return { claimed: true as const };
  }
  async recordCooked(cooked: CookedOrder, events: readonly OutgoingEvent[]) {
    const first = this.cookedOrders.get(cooked.orderId);
    if (first) return { recorded: false, cooked: first };
    this.cookedOrders.set(cooked.orderId, cooked);
    const claim = this.claims.get(cooked.orderId);
    if (claim) this.claims.set(cooked.orderId, { ...claim, status: 'COOKED' });
    this.outbox.push(...events);
    return { recorded: true, cooked };
  }
}

/** An oven that takes no time, remembering how long it was asked to bake. */
class InstantOven implements Oven {
  readonly baked: number[] = [];
  constructor(private readonly during?: () => void | Promise<void>) {}
  async bake(ms: number) {
    this.baked.push(ms);
    await this.during?.();
  }
}

const deps = (
  store: KitchenStore,
  oven: Oven = new InstantOven(),
  kitchen = worker,
  now: () => Date = () => NOW,
) => ({
  store,
  oven,
  worker: kitchen,
  now,
  random: () => 0.5,
});
const otherKitchen = { kitchenName: 'kitchen-2', kitchenWorker: 'kitchen-2/ff00' };

describe('cooking a paid order', () => {
  test('saves the cooked order and its order.ready together', async () => {
    const store = new InMemoryKitchenStore();

    const result = await cookOrder(deps(store), order);

    expect(result.outcome).toBe('cooked');
    expect(store.cookedOrders.get('ord_1')).toMatchObject({ kitchenWorker: 'kitchen-1/ab12' });
    expect(store.outbox.map((e) => [e.definition.detailType, e.detail.eventId])).toEqual([
      [orderReady.detailType, 'ready#ord_1'],
    ]);
  });

  test('bakes for the time chosen from the operator range', async () => {
    const store = new InMemoryKitchenStore(settingsFrom({ prepMinMs: 100, prepMaxMs: 200 }));
    const oven = new InstantOven();

    await cookOrder(deps(store, oven), order);

    expect(oven.baked).toEqual([150]);
  });

  test('an order cooked before is not cooked again and causes no new event', async () => {
    const store = new InMemoryKitchenStore();
    await cookOrder(deps(store), order);
    const oven = new InstantOven();

    const again = await cookOrder(deps(store, oven), order);

    expect(again.outcome).toBe('already-cooked');
    expect(oven.baked).toEqual([]);
    expect(store.outbox).toHaveLength(1);
  });

  test('when another worker records the order first, its record stands', async () => {
    const store = new InMemoryKitchenStore();
    const rival = { ...order, correlationId: 'corr-1' };
    const oven = new InstantOven(() => {
      store.cookedOrders.set('ord_1', {
        ...rival,
        ...worker,
        kitchenWorker: 'kitchen-2/ff00',
        prepMs: 0,
        kitchenName: 'kitchen-2',
        cookedAt: NOW.toISOString(),
      });
    });

    const result = await cookOrder(deps(store, oven), order);

    expect(result).toMatchObject({ outcome: 'already-cooked', cooked: { kitchenWorker: 'kitchen-2/ff00' } });
    expect(store.outbox).toEqual([]);
  });

  test('claims the order before it goes into the oven, and marks the claim COOKED with the record', async () => {
    const store = new InMemoryKitchenStore();
    let claimWhileBaking: OrderClaim | undefined;
    const oven = new InstantOven(() => {
      claimWhileBaking = store.claims.get('ord_1');
    });

    await cookOrder(deps(store, oven), order);

    expect(claimWhileBaking).toMatchObject({
      status: 'COOKING',
      kitchenName: 'kitchen-1',
      leaseUntil: new Date(NOW.getTime() + CLAIM_LEASE_MS).toISOString(),
    });
    expect(store.claims.get('ord_1')?.status).toBe('COOKED');
  });

  test('an order another kitchen is cooking (a live claim) is not cooked here', async () => {
    const store = new InMemoryKitchenStore();
    // The other kitchen claimed it and is still baking when this kitchen gets its copy of order.placed.
    const oven = new InstantOven();
    let here: Awaited<ReturnType<typeof cookOrder>> | undefined;
    const rivalOven = new InstantOven(async () => {
      here = await cookOrder(deps(store, oven), order);
    });

    const there = await cookOrder(deps(store, rivalOven, otherKitchen), order);

    expect(here).toMatchObject({ outcome: 'claimed-elsewhere', claim: { kitchenWorker: 'kitchen-2/ff00' } });
    expect(there.outcome).toBe('cooked');
    expect(oven.baked).toEqual([]);
    expect(store.outbox).toHaveLength(1);
    expect(store.cookedOrders.get('ord_1')?.kitchenName).toBe('kitchen-2');
  });

  test('the same kitchen takes its own claim back (an SQS retry of its message after it died)', async () => {
    const store = new InMemoryKitchenStore();
    store.claims.set('ord_1', {
      orderId: 'ord_1',
      status: 'COOKING',
      kitchenName: 'kitchen-1',
      kitchenWorker: 'kitchen-1/dead',
      claimedAt: NOW.toISOString(),
      leaseUntil: new Date(NOW.getTime() + CLAIM_LEASE_MS).toISOString(),
    });

    const result = await cookOrder(deps(store), order);

    expect(result.outcome).toBe('cooked');
    expect(store.outbox).toHaveLength(1);
  });

  test('once the holder died and its lease ran out, the next kitchen cooks the order', async () => {
    const store = new InMemoryKitchenStore();
    store.claims.set('ord_1', {
      orderId: 'ord_1',
      status: 'COOKING',
      kitchenName: 'kitchen-2',
      kitchenWorker: 'kitchen-2/dead',
      claimedAt: NOW.toISOString(),
      leaseUntil: new Date(NOW.getTime() + CLAIM_LEASE_MS).toISOString(),
    });
    const later = new Date(NOW.getTime() + CLAIM_LEASE_MS);

    const result = await cookOrder(
      deps(store, undefined, worker, () => later),
      order,
    );

    expect(result).toMatchObject({ outcome: 'cooked', cooked: { kitchenName: 'kitchen-1' } });
  });

  test('a broken oven refuses the order, so the message is retried and then dead-lettered', async () => {
    const store = new InMemoryKitchenStore(settingsFrom({ fault: true }));

    await expect(cookOrder(deps(store), order)).rejects.toThrow(/out of order/);

    expect(store.cookedOrders.size).toBe(0);
  });
});
