import type { Logger } from '@aws-lambda-powertools/logger';
import type { OutgoingEvent } from '../../events/define-event';
import type { IdempotencyRecord } from './domain/idempotency';
import type { Order, OrderStatus, PaymentAnswered, PaymentResult, TimelineEntry } from './domain/order';
import type { ListPosition, OrderPage } from './domain/order-list';

/** One order and its timeline, as they are now. */
export interface OrderReader {
  get(orderId: string): Promise<Order | undefined>;
  timeline(orderId: string): Promise<TimelineEntry[]>;
}

/** Placing and paying orders: adapters/order-payments.ts implements it. */
export interface OrderPayments extends OrderReader {
  /**
   * Stores a new order with its first timeline entry and, with a key, the key's record: all or nothing.
   * 'key-taken' when a concurrent request with the same key won.
   */
  create(
    order: Order,
    entry: TimelineEntry,
    key?: { key: string; fingerprint: string },
  ): Promise<'created' | 'key-taken'>;
  idempotencyRecord(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  /**
   * The payment's answer: the order's new state, the entry that explains it and the events it causes (into the
   * outbox), in one transaction, and only while the order is still unsettled (PAYMENT_PENDING or
   * PAYMENT_UNKNOWN) on the attempt the answer is about (`state.order.paymentAttempt`). 'stale' (and nothing
   * written) when another request or the reconciler got there first.
   */
  recordPayment(
    state: PaymentAnswered['state'],
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'recorded' | 'stale'>;
  /**
   * Starts the order's next attempt (`next`: PAYMENT_PENDING on attempt n + 1), only while the order is still
   * PAYMENT_FAILED on attempt n: two retries never both pay. 'stale' (nothing written) otherwise.
   */
  beginAttempt(next: Order): Promise<'begun' | 'stale'>;
}

/** The reconciler's orders: the unsettled ones, which it settles as a payment does. */
export interface UnsettledOrders extends OrderPayments {
  /**
   * Orders whose attempt is unsettled (PAYMENT_PENDING or PAYMENT_UNKNOWN) and that have not changed since
   * `olderThan`: what the reconciler settles. At most `limit`, oldest first.
   */
  unsettled(olderThan: Date, limit: number): Promise<Order[]>;
}

/** Status updates reported by events. */
export interface OrderStatuses extends OrderReader {
  /** Adds a timeline entry unless one with its id and time exists; true when this call added it. */
  addTimelineEntry(orderId: string, entry: TimelineEntry): Promise<boolean>;
  /** Moves the order to `status` only from the statuses the domain allows; 'kept' otherwise. */
  advanceStatus(orderId: string, status: OrderStatus, now: Date): Promise<'advanced' | 'kept'>;
}

/** Pages of orders: the customer's own and the staff's view of all. */
export interface OrderLists {
  /** A page of the user's orders, newest first, after `after` (the previous page's end) if given. */
  listForUser(userId: string, page: { limit: number; after?: ListPosition }): Promise<OrderPage>;
  /** A page of every order, newest first, after `after` if given: the staff's view. */
  listAll(page: { limit: number; after?: ListPosition }): Promise<OrderPage>;
}

/** A charge attempt: the order, and the attempt's number (the key payments charge and settle it by). */
export interface AttemptRequest {
  orderId: string;
  attempt: number;
  userId: string;
  correlationId: string;
}

/** The payment processor, called synchronously; every failure is an 'unavailable' answer, never a throw. */
export interface PaymentsClient {
  /** Charges the attempt: paid, declined, or 'unavailable' (no answer: settle it before telling anyone). */
  charge(request: AttemptRequest & { amountCents: number }): Promise<PaymentResult>;
  /**
   * Settles an attempt that got no answer: its charge (paid or declined) if it has one, else 'voided' (nothing
   * charged, and no charge of it can land later); 'unavailable' when payments could not be asked either.
   */
  settle(request: AttemptRequest): Promise<PaymentResult>;
}

/** The few log calls the use cases make; a test passes an object with these three. */
export type UseCaseLog = Pick<Logger, 'info' | 'warn' | 'appendKeys'>;
