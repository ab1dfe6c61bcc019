import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { DELIVERY_STATUSES, orderPlaced } from '../../../events/pizza';
import { priceOrder } from './menu';

/**
 * An order's life. The payment statuses are decided by the orders service itself, synchronously; everything
 * from PLACED on is reported by events (kitchen, delivery) that may arrive late, twice or out of order.
 */
export const ORDER_STATUSES = [
  'PAYMENT_PENDING',
  'PAYMENT_FAILED',
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

/** A payment is (re)tried only while no final answer is known: a declined or a paid order is never charged again. */
export function mayTryPayment(status: OrderStatus): boolean {
  return status === 'PAYMENT_PENDING' || status === 'PAYMENT_FAILED';
}

/** The statuses a payment's answer may be recorded on: the repository's condition. */
export const PAYABLE_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(mayTryPayment);

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
  /** No answer, or none in time. `throttled`: payments were at their limit and never ran, so nothing was charged. */
  | { outcome: 'unavailable'; reason: string; throttled?: boolean };

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

export function afterPayment(order: Order, result: PaymentResult, now: Date): PaymentAnswered {
  const at = now.toISOString();
  switch (result.outcome) {
    case 'paid': {
      const placed: Order = { ...order, status: 'PLACED', updatedAt: at, placedAt: at };
      return {
        state: {
          order: placed,
          entry: { status: 'PAID', at, eventId: `paid#${order.orderId}`, note: `Paid (${result.chargeId})` },
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
    case 'unavailable':
      return {
        state: {
          order: { ...order, status: 'PAYMENT_FAILED', updatedAt: at },
          // Each failed attempt is its own entry: the timeline shows how often the payment was tried.
          entry: {
            status: 'PAYMENT_FAILED',
            at,
            eventId: `payment-failed#${order.orderId}#${at}`,
            note: 'Payment system unavailable; the order is kept, try again with the same Idempotency-Key',
          },
        },
        events: [],
      };
  }
}
