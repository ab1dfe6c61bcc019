import { decideForKey, requestFingerprint } from '../domain/idempotency';
import { newOrder, nextAttempt, type Order, type OrderRequest, type TimelineEntry } from '../domain/order';
import type { OrderPayments, PaymentsClient, UseCaseLog } from '../ports';
import { payAttempt, settle } from './settle-payment';

export interface PlaceOrderDeps {
  orders: OrderPayments;
  payments: PaymentsClient;
  logger: UseCaseLog;
  now: () => Date;
  newOrderId: () => string;
}

export interface PlaceOrderInput {
  userId: string;
  request: OrderRequest;
  correlationId: string;
  idempotencyKey?: string;
}

export type PlaceOrderResult =
  | { outcome: 'placed'; order: Order; timeline: TimelineEntry[]; replayed: boolean }
  | { outcome: 'declined'; order: Order; replayed: boolean }
  /** Nothing was charged (payments refused, or the attempt was settled as voided): the same key pays later. */
  | { outcome: 'unavailable'; order: Order }
  /** Whether the payment went through is not known yet: the order is PAYMENT_UNKNOWN until it is settled. */
  | { outcome: 'unconfirmed'; order: Order }
  /** Payments were at their limit and never ran: nothing charged; the same request with its key pays later. */
  | { outcome: 'busy'; order: Order }
  /** Another request with the same key is still waiting for the payment: nothing was done, try again soon. */
  | { outcome: 'in-progress'; orderId?: string }
  | { outcome: 'key-mismatch' };

const MAX_KEY_RACES = 3;

/**
 * POST /orders as a story: store the order (nothing the user sent is lost), pay for it synchronously, and save
 * the answer: a paid order becomes PLACED and its order.placed goes into the outbox in the same transaction, so
 * the relay cooks it whatever the bus says right now. A charge without an answer is settled before anything is
 * told (payments answer its charge, or void it for good), so the customer is never told "failed" while charged.
 * With an Idempotency-Key, a retried request gets the first final answer without a second charge, and a request
 * that ended with nothing charged pays on the same order, on its next attempt.
 */
export async function placeOrder(deps: PlaceOrderDeps, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  const fingerprint = requestFingerprint(input.request);
  let order: Order | undefined;
  let settleFirst = false;

  for (let race = 0; !order; race++) {
    if (race >= MAX_KEY_RACES) {
      deps.logger.warn('Idempotency-Key not settled: too many concurrent requests with it');
      return { outcome: 'in-progress' };
    }
    const key = input.idempotencyKey;
    const record = key ? await deps.orders.idempotencyRecord(input.userId, key) : undefined;
    const existing = record ? await deps.orders.get(record.orderId) : undefined;
    const decision = decideForKey(
      record && existing
        ? { fingerprint: record.fingerprint, status: existing.status, updatedAt: existing.updatedAt }
        : undefined,
      fingerprint,
      deps.now(),
    );
    if (decision.action === 'mismatch') return { outcome: 'key-mismatch' };
    if (decision.action === 'in-progress' && existing) {
      deps.logger.info('a request with this key is still waiting for its payment', {
        orderId: existing.orderId,
      });
      return { outcome: 'in-progress', orderId: existing.orderId };
    }
    if (decision.action === 'replay' && existing) {
      deps.logger.info('idempotent replay of a final answer', {
        orderId: existing.orderId,
        status: existing.status,
      });
      return answerFor(deps, existing, true);
    }
    if (decision.action === 'settle' && existing) {
      deps.logger.info('retry of an order whose payment is not known yet: settling it first', {
        orderId: existing.orderId,
        status: existing.status,
      });
      order = existing;
      settleFirst = true;
      break;
    }
    if (decision.action === 'retry-payment' && existing) {
      const next = nextAttempt(existing, deps.now());
      // 'stale': a concurrent retry began this attempt first; decide again from it.
      if ((await deps.orders.beginAttempt(next)) === 'begun') {
        deps.logger.info('payment retried for an order whose last attempt charged nothing', {
          orderId: next.orderId,
          attempt: next.paymentAttempt,
        });
        order = next;
      }
      continue;
    }
    const fresh = newOrder({
      orderId: deps.newOrderId(),
      userId: input.userId,
      request: input.request,
      now: deps.now(),
      correlationId: input.correlationId,
      idempotencyKey: key,
    });
    const created = await deps.orders.create(
      fresh.order,
      fresh.entry,
      key ? { key, fingerprint } : undefined,
    );
    if (created === 'created') order = fresh.order;
    // 'key-taken': a concurrent request with the same key created its order first; decide again from it.
  }

  deps.logger.appendKeys({ orderId: order.orderId });
  if (settleFirst) {
    const settled = await settle(deps, order, input.correlationId);
    // Paid, declined or still unknown: that is the answer. Voided: nothing was charged; pay again.
    if (settled.order.status !== 'PAYMENT_FAILED') return answerFor(deps, settled.order, false);
    const next = nextAttempt(settled.order, deps.now());
    if ((await deps.orders.beginAttempt(next)) === 'stale') {
      return answerFor(deps, (await deps.orders.get(order.orderId)) ?? settled.order, true);
    }
    order = next;
  }

  const paid = await payAttempt(deps, order, input.correlationId);
  if (paid.recorded === 'recorded' && paid.result.outcome === 'unavailable' && paid.result.throttled) {
    return { outcome: 'busy', order: paid.order };
  }
  // Stale: another request (or the reconciler) recorded an answer first; that one is the answer.
  return answerFor(deps, paid.order, paid.recorded === 'stale');
}

async function answerFor(deps: PlaceOrderDeps, order: Order, replayed: boolean): Promise<PlaceOrderResult> {
  switch (order.status) {
    case 'PAYMENT_DECLINED':
      return { outcome: 'declined', order, replayed };
    case 'PAYMENT_FAILED':
      return { outcome: 'unavailable', order };
    case 'PAYMENT_UNKNOWN':
      return { outcome: 'unconfirmed', order };
    case 'PAYMENT_PENDING':
      // Another request began a new attempt meanwhile and is paying it.
      return { outcome: 'in-progress', orderId: order.orderId };
    default:
      return { outcome: 'placed', order, timeline: await deps.orders.timeline(order.orderId), replayed };
  }
}
