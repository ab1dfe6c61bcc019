import type { OrderPlaced } from '../../../events/pizza';
import {
  type CookedOrder,
  choosePrepMs,
  claimFor,
  cook,
  KitchenFaultError,
  type OrderClaim,
} from '../domain/kitchen';
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
  | { outcome: 'already-cooked'; cooked: CookedOrder }
  /**
   * Another kitchen claimed the order and is cooking it (its lease is live): this kitchen did not cook it. The
   * caller decides whether the message is a duplicate to drop or comes back once the lease ran out.
   */
  | { outcome: 'claimed-elsewhere'; claim: OrderClaim };

/**
 * A kitchen cooks a paid order: refuse while the oven is broken (the message is retried, then dead-lettered);
 * claim the order (a conditional COOKING with this kitchen and a lease), so no other kitchen puts the same order
 * in its oven; cook it for a time from the operator's range; then save the cooked order with its order.ready in
 * one transaction. The relay publishes the event, so a bus outage after cooking loses nothing. A kitchen that
 * died while cooking leaves its claim to run out, and whoever gets the order next cooks it.
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
  const claimedAt = deps.now();
  const claim = await deps.store.claim(claimFor(order.orderId, deps.worker, claimedAt), claimedAt);
  if (!claim.claimed) {
    // Cooked between the read above and the claim, or being cooked by another kitchen right now.
    const cooked = await deps.store.cooked(order.orderId);
    if (cooked) return { outcome: 'already-cooked', cooked };
    if (claim.current?.status === 'COOKING') return { outcome: 'claimed-elsewhere', claim: claim.current };
    throw new Error(`order ${order.orderId} could not be claimed and is not cooked; retrying`);
  }
  const prepMs = choosePrepMs(settings, deps.random);
  await deps.oven.bake(prepMs);
  const now = deps.now();
  const decision = cook(order, deps.worker, prepMs, now);
  const saved = await deps.store.recordCooked(decision.cooked, decision.events, now);
  return { outcome: saved.recorded ? 'cooked' : 'already-cooked', cooked: saved.cooked };
}
