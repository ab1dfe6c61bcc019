import type { OutgoingEvent } from '../../../../events/define-event';
import type { IdempotencyRecord } from '../../../../functions/orders/domain/idempotency';
import {
  attemptOf,
  isUnsettled,
  type Order,
  type OrderStatus,
  PAYABLE_STATUSES,
  type PaymentAnswered,
  statusesThatMayMoveTo,
  type TimelineEntry,
} from '../../../../functions/orders/domain/order';
import {
  type ListPosition,
  newestFirst,
  type OrderPage,
  positionOf,
} from '../../../../functions/orders/domain/order-list';
import type { OrderLists, OrderStatuses, UnsettledOrders } from '../../../../functions/orders/ports';

/** A page of `orders` after `after`, newest first, as the table's queries read it. */
function pageOf(orders: Order[], page: { limit: number; after?: ListPosition }): OrderPage {
  const sorted = [...orders].sort((a, b) => newestFirst(positionOf(a), positionOf(b)));
  const rest = page.after ? sorted.filter((o) => newestFirst(page.after!, positionOf(o)) < 0) : sorted;
  const listed = rest.slice(0, page.limit);
  return rest.length > page.limit ? { orders: listed, next: positionOf(listed.at(-1)!) } : { orders: listed };
}

/** The orders table in memory, with the same conditions as the DynamoDB one, and its outbox. */
export class InMemoryOrders implements UnsettledOrders, OrderStatuses, OrderLists {
  readonly orders = new Map<string, Order>();
  readonly timelines = new Map<string, TimelineEntry[]>();
  readonly keys = new Map<string, IdempotencyRecord>();
  /** Every event saved to the outbox, in order: what the relay would publish. */
  readonly outbox: OutgoingEvent[] = [];
  /** Other requests with a key keep winning, and their records keep vanishing. */
  keyAlwaysTaken = false;

  async create(order: Order, entry: TimelineEntry, key?: { key: string; fingerprint: string }) {
    const keyId = key ? `${order.userId}#${key.key}` : undefined;
    if (keyId && (this.keyAlwaysTaken || this.keys.has(keyId))) return 'key-taken' as const;
    if (key && keyId) {
      this.keys.set(keyId, {
        userId: order.userId,
        key: key.key,
        orderId: order.orderId,
        fingerprint: key.fingerprint,
        createdAt: order.createdAt,
      });
    }
    this.orders.set(order.orderId, { ...order });
    this.timelines.set(order.orderId, [entry]);
    return 'created' as const;
  }

  async idempotencyRecord(userId: string, key: string) {
    return this.keys.get(`${userId}#${key}`);
  }

  async get(orderId: string) {
    const order = this.orders.get(orderId);
    return order ? { ...order } : undefined;
  }

  async timeline(orderId: string) {
    return [...(this.timelines.get(orderId) ?? [])];
  }

  async recordPayment(state: PaymentAnswered['state'], events: readonly OutgoingEvent[]) {
    const current = this.orders.get(state.order.orderId);
    if (!current || !PAYABLE_STATUSES.includes(current.status)) return 'stale' as const;
    if (attemptOf(current) !== attemptOf(state.order)) return 'stale' as const;
    this.orders.set(state.order.orderId, {
      ...current,
      status: state.order.status,
      updatedAt: state.order.updatedAt,
      ...(state.order.placedAt ? { placedAt: state.order.placedAt } : {}),
    });
    this.timelines.get(state.order.orderId)?.push(state.entry);
    this.outbox.push(...events);
    return 'recorded' as const;
  }

  async beginAttempt(next: Order) {
    const current = this.orders.get(next.orderId);
    if (current?.status !== 'PAYMENT_FAILED' || attemptOf(current) !== attemptOf(next) - 1) {
      return 'stale' as const;
    }
    this.orders.set(next.orderId, {
      ...current,
      status: next.status,
      paymentAttempt: attemptOf(next),
      updatedAt: next.updatedAt,
    });
    return 'begun' as const;
  }

  async unsettled(olderThan: Date, limit: number) {
    return [...this.orders.values()]
      .filter((o) => isUnsettled(o.status) && o.updatedAt < olderThan.toISOString())
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .slice(0, limit)
      .map((o) => ({ ...o }));
  }

  async addTimelineEntry(orderId: string, entry: TimelineEntry) {
    const entries = this.timelines.get(orderId) ?? [];
    if (entries.some((e) => e.eventId === entry.eventId && e.at === entry.at)) return false;
    this.timelines.set(orderId, [...entries, entry]);
    return true;
  }

  async advanceStatus(orderId: string, status: OrderStatus, now: Date) {
    const order = this.orders.get(orderId);
    if (!order || !statusesThatMayMoveTo(status).includes(order.status)) return 'kept' as const;
    this.orders.set(orderId, { ...order, status, updatedAt: now.toISOString() });
    return 'advanced' as const;
  }

  async listForUser(userId: string, page: { limit: number; after?: ListPosition }) {
    return pageOf(
      [...this.orders.values()].filter((o) => o.userId === userId),
      page,
    );
  }

  async listAll(page: { limit: number; after?: ListPosition }) {
    return pageOf([...this.orders.values()], page);
  }
}
