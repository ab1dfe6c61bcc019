import type { Logger } from '@aws-lambda-powertools/logger';
import type { OutgoingEvent } from '../../events/define-event';
import type { IdempotencyRecord } from './domain/idempotency';
import type { Order, OrderStatus, PaymentAnswered, PaymentResult, TimelineEntry } from './domain/order';
import type { ListPosition, OrderPage } from './domain/order-list';

/** What the orders use cases need of storage; adapters/dynamodb-orders-repository.ts implements it. */
export interface OrdersRepository {
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
  get(orderId: string): Promise<Order | undefined>;
  timeline(orderId: string): Promise<TimelineEntry[]>;
  /**
   * The payment's answer: the order's new state, the entry that explains it and the events it causes (into the
   * outbox), in one transaction, and only while the order still waits for a payment answer. 'stale' (and
   * nothing written) when another request got there first.
   */
  recordPayment(
    state: PaymentAnswered['state'],
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'recorded' | 'stale'>;
  /** Adds a timeline entry unless one with its id and time exists; true when this call added it. */
  addTimelineEntry(orderId: string, entry: TimelineEntry): Promise<boolean>;
  /** Moves the order to `status` only from the statuses the domain allows; 'kept' otherwise. */
  advanceStatus(orderId: string, status: OrderStatus, now: Date): Promise<'advanced' | 'kept'>;
  /** A page of the user's orders, newest first, after `after` (the previous page's end) if given. */
  listForUser(userId: string, page: { limit: number; after?: ListPosition }): Promise<OrderPage>;
  /** A page of every order, newest first, after `after` if given: the staff's view. */
  listAll(page: { limit: number; after?: ListPosition }): Promise<OrderPage>;
}

/** The payment processor, called synchronously; every failure is an 'unavailable' answer, never a throw. */
export interface PaymentsClient {
  charge(request: {
    orderId: string;
    userId: string;
    amountCents: number;
    correlationId: string;
  }): Promise<PaymentResult>;
}

/** The few log calls the use cases make; a test passes an object with these three. */
export type UseCaseLog = Pick<Logger, 'info' | 'warn' | 'appendKeys'>;
