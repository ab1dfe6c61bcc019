import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { type OrderPlaced, orderReady } from '../../../events/pizza';
import { AppError } from '../../../shared/errors';

/** How the kitchen works right now; an operator changes it with `npm run kitchen`. */
export interface KitchenSettings {
  prepMinMs: number;
  prepMaxMs: number;
  /** A broken oven: every order fails, is retried, and ends in the kitchen's DLQ (the redrive demo). */
  fault: boolean;
}

/** The demo's kitchen: five to ten seconds an order. Tests set it near zero. */
export const DEFAULT_KITCHEN_SETTINGS: KitchenSettings = { prepMinMs: 5000, prepMaxMs: 10000, fault: false };

/** The longest preparation the kitchen accepts: well inside the cooking function's 30-second timeout. */
export const MAX_PREP_MS = 20_000;

/** The operator switched the fault on: the order is retried, then dead-lettered (the redrive demo). */
export class KitchenFaultError extends AppError {
  constructor(message: string) {
    super('KITCHEN_FAULT', message);
  }
}

/** Fills what a stored settings item lacks with the defaults. */
export function settingsFrom(stored: Partial<KitchenSettings> | undefined): KitchenSettings {
  return {
    prepMinMs: stored?.prepMinMs ?? DEFAULT_KITCHEN_SETTINGS.prepMinMs,
    prepMaxMs: stored?.prepMaxMs ?? DEFAULT_KITCHEN_SETTINGS.prepMaxMs,
    fault: stored?.fault ?? DEFAULT_KITCHEN_SETTINGS.fault,
  };
}

/** Checks an operator's preparation range; the message says what is wrong. */
export function checkPrepRange(minMs: number, maxMs: number): { prepMinMs: number; prepMaxMs: number } {
  if (!Number.isInteger(minMs) || !Number.isInteger(maxMs)) {
    throw new Error('Preparation times are whole milliseconds.');
  }
  if (minMs < 0 || maxMs < minMs || maxMs > MAX_PREP_MS) {
    throw new Error(`Preparation needs 0 <= min <= max <= ${MAX_PREP_MS} ms, not ${minMs}..${maxMs}.`);
  }
  return { prepMinMs: minMs, prepMaxMs: maxMs };
}

/**
 * How long this order cooks: uniform in [min, max], both ends included. `random` is in [0, 1), as Math.random.
 * A stored range the operator broke by hand is clamped instead of blocking the kitchen.
 */
export function choosePrepMs(settings: KitchenSettings, random: () => number): number {
  const min = Math.max(0, Math.min(settings.prepMinMs, MAX_PREP_MS));
  const max = Math.max(min, Math.min(settings.prepMaxMs, MAX_PREP_MS));
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * How long a kitchen's claim on an order lasts: longer than the kitchen function's timeout (30 s, infra
 * kitchen-service.ts), so a claim only runs out once its holder has finished or died (Lambda ended it). Another
 * kitchen may take the order over after that; until then it leaves the order to the holder.
 */
export const CLAIM_LEASE_MS = 40_000;

/**
 * A kitchen's claim on an order, written before the order goes into the oven: COOKING while the holder cooks it
 * (until `leaseUntil`), COOKED once its cooked record is saved. One claim per order, so one oven per order.
 */
export interface OrderClaim {
  orderId: string;
  status: 'COOKING' | 'COOKED';
  kitchenName: string;
  kitchenWorker: string;
  claimedAt: string;
  leaseUntil: string;
}

export function claimFor(
  orderId: string,
  kitchen: { kitchenName: string; kitchenWorker: string },
  now: Date,
): OrderClaim {
  return {
    orderId,
    status: 'COOKING',
    kitchenName: kitchen.kitchenName,
    kitchenWorker: kitchen.kitchenWorker,
    claimedAt: now.toISOString(),
    leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
  };
}

/**
 * Whether `kitchen` may claim an order whose claim is `current`: nobody holds it; or its holder's lease ran out
 * (the holder died: the order is taken over); or the holder is this same kitchen (an SQS retry of its own
 * message: the earlier try has ended). Never once the order is cooked. The store enforces the same rule with a
 * condition (adapters/dynamodb-kitchen-store.ts), so two kitchens never both win.
 */
export function mayClaim(current: OrderClaim | undefined, kitchenName: string, now: Date): boolean {
  if (!current) return true;
  if (current.status === 'COOKED') return false;
  return current.kitchenName === kitchenName || current.leaseUntil <= now.toISOString();
}

/** Who cooked an order: the kitchen (`kitchen-1`) and the worker process in it. */
export function workerName(kitchenName: string, instanceId: string): string {
  return `${kitchenName}/${instanceId}`;
}

export interface CookedOrder {
  orderId: string;
  userId: string;
  kitchenName: string;
  kitchenWorker: string;
  correlationId: string;
  prepMs: number;
  cookedAt: string;
}

/** A cooked order (the new state) and the order.ready it causes, saved together through the outbox. */
export interface Cooked {
  cooked: CookedOrder;
  events: OutgoingEvent[];
}

/**
 * The kitchen's decision once an order is out of the oven. The event id depends on the order only, so a second
 * cook of the same order (a duplicate delivery racing the first) yields the very same event, which the
 * repository refuses to record twice and every consumer ignores.
 */
export function cook(
  order: Pick<OrderPlaced, 'orderId' | 'userId' | 'correlationId'>,
  kitchen: { kitchenName: string; kitchenWorker: string },
  prepMs: number,
  cookedAt: Date,
): Cooked {
  const cooked: CookedOrder = {
    orderId: order.orderId,
    userId: order.userId,
    kitchenName: kitchen.kitchenName,
    kitchenWorker: kitchen.kitchenWorker,
    correlationId: order.correlationId,
    prepMs,
    cookedAt: cookedAt.toISOString(),
  };
  return {
    cooked,
    events: [
      outgoing(orderReady, {
        eventId: `ready#${cooked.orderId}`,
        correlationId: cooked.correlationId,
        orderId: cooked.orderId,
        userId: cooked.userId,
        kitchenWorker: cooked.kitchenWorker,
        readyAt: cooked.cookedAt,
      }),
    ],
  };
}
