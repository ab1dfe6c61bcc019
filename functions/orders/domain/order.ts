import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { DELIVERY_STATUSES, orderPlaced } from '../../../events/pizza';
import { priceOrder } from './menu';

/**
 * An order's life. The payment statuses are decided by the orders service itself: PAYMENT_PENDING while an
 * attempt is being charged; PAYMENT_FAILED when the attempt ended with nothing charged (payments refused it, or
 * it was settled as voided), so the customer may pay again; PAYMENT_UNKNOWN when nobody could tell yet whether
 * the attempt charged (no answer, and the settle got none either): a retry with the key or the reconciler settles
 * it, into PLACED or PAYMENT_FAILED. Everything from PLACED on is reported by events (kitchen, delivery) that may
 * arrive late, twice or out of order.
 */
export const ORDER_STATUSES = [
  'PAYMENT_PENDING',
  'PAYMENT_FAILED',
  'PAYMENT_UNKNOWN',
  'PAYMENT_DECLINED',
  'PLACED',
  'READY',
  ...DELIVERY_STATUSES,
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type TimelineStatus = OrderStatus | 'PAID';

/**
 * How far along an order is. The payment statuses share rank 0: among them the orders service moves the order
 * itself; after that an order only moves forward, so a late or repeated event never takes it back.
 */
const RANK: Record<OrderStatus, number> = {
  PAYMENT_PENDING: 0,
  PAYMENT_FAILED: 0,
  PAYMENT_UNKNOWN: 0,
  PAYMENT_DECLINED: 0,
  PLACED: 1,
  READY: 2,
  ASSIGNED: 3,
  IN_TRANSIT: 4,
  DELIVERED: 5,
};

/** Paid: PLACED or any status after it. Only a paid order is cooked, delivered, and announced. */
export function isPaid(status: OrderStatus): boolean {
  return RANK[status] >= RANK.PLACED;
}

/**
 * Whether an event reporting `next` may move an order that is `current`: only a paid order, and only strictly
 * forward. An unpaid order (pending, failed, declined) is never moved by an event, whatever it claims.
 */
export function movesForward(current: OrderStatus, next: OrderStatus): boolean {
  return isPaid(current) && RANK[next] > RANK[current];
}

/** The statuses an event reporting `next` may move an order from: the repository's condition. */
export function statusesThatMayMoveTo(next: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((current) => movesForward(current, next));
}

/**
 * An attempt whose outcome is not known yet: its charge may still be running (PAYMENT_PENDING) or nobody could
 * tell (PAYMENT_UNKNOWN). Only such an attempt takes an answer, and only it is settled; a new attempt starts only
 * after the last one ended with nothing charged (PAYMENT_FAILED), so an order is never paid twice.
 */
export function isUnsettled(status: OrderStatus): boolean {
  return status === 'PAYMENT_PENDING' || status === 'PAYMENT_UNKNOWN';
}

/** The statuses a payment's answer may be recorded on (with the attempt it answers): the repository's condition. */
export const PAYABLE_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(isUnsettled);

/** The first attempt of an order, and the attempt of an order stored before attempts were numbered. */
export const FIRST_ATTEMPT = 1;

/** The attempt an order is on: the one being charged, or the last one made. */
export function attemptOf(order: Pick<Order, 'paymentAttempt'>): number {
  return order.paymentAttempt ?? FIRST_ATTEMPT;
}

export interface OrderRequest {
  pizza: string;
  quantity: number;
  address: string;
}

export interface Order extends OrderRequest {
  orderId: string;
  userId: string;
  status: OrderStatus;
  amountCents: number;
  createdAt: string;
  updatedAt: string;
  correlationId: string;
  /** The Idempotency-Key the order was created with, if any. */
  idempotencyKey?: string;
  /**
   * The charge attempt the order is on (1, 2, ...): with the order id, the key payments charge and settle it by,
   * chosen here and never by the customer. Absent on orders stored before attempts were numbered: 1.
   */
  paymentAttempt?: number;
  /** When the payment went through; the time order.placed carries. */
  placedAt?: string;
}

export interface TimelineEntry {
  status: TimelineStatus;
  at: string;
  /** One entry per id: a repeated event or a retried request adds nothing. */
  eventId: string;
  note: string;
  kitchenWorker?: string;
  driverId?: string;
  driverName?: string;
}

/** Times sort as text, so every one is written the same way (toISOString: milliseconds, Z). */
export function canonicalTime(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString();
}

export function newOrder(input: {
  orderId: string;
  userId: string;
  request: OrderRequest;
  now: Date;
  correlationId: string;
  idempotencyKey?: string;
}): { order: Order; entry: TimelineEntry } {
  const at = input.now.toISOString();
  const order: Order = {
    orderId: input.orderId,
    userId: input.userId,
    pizza: input.request.pizza,
    quantity: input.request.quantity,
    address: input.request.address,
    amountCents: priceOrder(input.request.pizza, input.request.quantity),
    status: 'PAYMENT_PENDING',
    createdAt: at,
    updatedAt: at,
    correlationId: input.correlationId,
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    paymentAttempt: FIRST_ATTEMPT,
  };
  return {
    order,
    entry: {
      status: 'PAYMENT_PENDING',
      at,
      eventId: `received#${input.orderId}`,
      note: `Order received: ${order.quantity} × ${order.pizza}, ${order.amountCents} cents; paying`,
    },
  };
}

export type PaymentResult =
  | { outcome: 'paid'; chargeId: string }
  | { outcome: 'declined'; reason: string }
  /** The attempt is closed with nothing charged (a settle voided it): provably no charge, ever. */
  | { outcome: 'voided' }
  /** No answer, or none in time. `throttled`: payments were at their limit and never ran, so nothing was charged. */
  | { outcome: 'unavailable'; reason: string; throttled?: boolean };

/**
 * Whether a charge's answer leaves its attempt open: no answer from a payments function that may have run (it
 * failed, it timed out, the answer was lost), so a charge may exist, or may still be written. Such an attempt is
 * settled before anything is told. A throttle is not: Lambda refused the call and payments never ran.
 */
export function needsSettling(result: PaymentResult): boolean {
  return result.outcome === 'unavailable' && !result.throttled;
}

/** The order paying again after its last attempt ended with nothing charged (PAYMENT_FAILED): the next attempt. */
export function nextAttempt(order: Order, now: Date): Order {
  return {
    ...order,
    status: 'PAYMENT_PENDING',
    paymentAttempt: attemptOf(order) + 1,
    updatedAt: now.toISOString(),
  };
}

export const placedEventId = (orderId: string) => `placed#${orderId}`;

/** What a payment's answer does to an order: its new state, and the events it causes (saved together). */
export interface PaymentAnswered {
  state: {
    /** The order as the answer leaves it. */
    order: Order;
    /** The timeline entry that says why. */
    entry: TimelineEntry;
  };
  /** order.placed for a paid order, nothing otherwise: only a paid order is cooked. */
  events: OutgoingEvent[];
}

/**
 * What the final answer about an attempt (the charge's, or the settle's when the charge gave none) does to the
 * order: paid is PLACED with order.placed; declined is PAYMENT_DECLINED; voided, or a throttle (payments never
 * ran), is PAYMENT_FAILED with nothing charged; no answer even to the settle is PAYMENT_UNKNOWN, to be settled.
 */
export function afterPayment(order: Order, result: PaymentResult, now: Date): PaymentAnswered {
  const at = now.toISOString();
  const attempt = attemptOf(order);
  const failed = (note: string): PaymentAnswered => ({
    state: {
      order: { ...order, status: 'PAYMENT_FAILED', updatedAt: at },
      // One entry per attempt: the timeline shows how often the payment was tried.
      entry: { status: 'PAYMENT_FAILED', at, eventId: `payment-failed#${order.orderId}#${attempt}`, note },
    },
    events: [],
  });
  switch (result.outcome) {
    case 'paid': {
      const placed: Order = { ...order, status: 'PLACED', updatedAt: at, placedAt: at };
      return {
        state: {
          order: placed,
          entry: {
            status: 'PAID',
            at,
            eventId: `paid#${order.orderId}`,
            note:
              attempt === FIRST_ATTEMPT
                ? `Paid (${result.chargeId})`
                : `Paid (${result.chargeId}, attempt ${attempt})`,
          },
        },
        events: [
          outgoing(orderPlaced, {
            eventId: placedEventId(order.orderId),
            // The order's own correlation id, whichever request paid it.
            correlationId: order.correlationId,
            orderId: order.orderId,
            userId: order.userId,
            pizza: order.pizza,
            quantity: order.quantity,
            address: order.address,
            amountCents: order.amountCents,
            placedAt: at,
          }),
        ],
      };
    }
    case 'declined':
      return {
        state: {
          order: { ...order, status: 'PAYMENT_DECLINED', updatedAt: at },
          entry: {
            status: 'PAYMENT_DECLINED',
            at,
            eventId: `declined#${order.orderId}`,
            note: `Payment declined: ${result.reason}`,
          },
        },
        events: [],
      };
    case 'voided':
      return failed(
        'Payment system unavailable; nothing was charged. The order is kept: try again with the same Idempotency-Key',
      );
    case 'unavailable':
      if (result.throttled) {
        return failed(
          'Payments busy; nothing was charged. The order is kept: try again with the same Idempotency-Key',
        );
      }
      return {
        state: {
          order: { ...order, status: 'PAYMENT_UNKNOWN', updatedAt: at },
          entry: {
            status: 'PAYMENT_UNKNOWN',
            at,
            eventId: `payment-unknown#${order.orderId}#${attempt}`,
            note: 'No answer from payments yet; whether the payment went through is being confirmed',
          },
        },
        events: [],
      };
  }
}
