import type { OrderPlaced } from '../../../events/pizza';
import { type CookedOrder, choosePrepMs, cook, KitchenFaultError } from '../domain/kitchen';
import type { KitchenStore, Oven } from '../ports';

export interface CookOrderDeps {
  store: KitchenStore;
  oven: Oven;
  /** Who cooks: the kitchen and this worker process in it. */
  worker: { kitchenName: string; kitchenWorker: string };
  now: () => Date;
  /** In [0, 1), as Math.random: picks the preparation time. */
  random: () => number;
}

export type CookOrderResult =
  | { outcome: 'cooked'; cooked: CookedOrder }
  /** Cooked before (a redelivery), or by another worker while this one cooked: nothing new is written. */
  | { outcome: 'already-cooked'; cooked: CookedOrder };

/**
 * A kitchen cooks a paid order: refuse while the oven is broken (the message is retried, then dead-lettered),
 * cook it for a time from the operator's range, then save the cooked order with its order.ready in one
 * transaction. The relay publishes the event, so a bus outage after cooking loses nothing.
 */
export async function cookOrder(
  deps: CookOrderDeps,
  order: Pick<OrderPlaced, 'orderId' | 'userId' | 'correlationId'>,
): Promise<CookOrderResult> {
  const settings = await deps.store.settings();
  if (settings.fault) {
    throw new KitchenFaultError(`${deps.worker.kitchenName} is out of order (fault switched on)`);
  }
  const before = await deps.store.cooked(order.orderId);
  if (before) return { outcome: 'already-cooked', cooked: before };
  const prepMs = choosePrepMs(settings, deps.random);
  await deps.oven.bake(prepMs);
  const now = deps.now();
  const decision = cook(order, deps.worker, prepMs, now);
  const saved = await deps.store.recordCooked(decision.cooked, decision.events, now);
  return { outcome: saved.recorded ? 'cooked' : 'already-cooked', cooked: saved.cooked };
}
