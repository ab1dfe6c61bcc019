import { decideForKey, requestFingerprint } from '../domain/idempotency';
import { afterPayment, newOrder, type Order, type OrderRequest, type TimelineEntry } from '../domain/order';
import type { OrdersRepository, PaymentsClient, UseCaseLog } from '../ports';

export interface PlaceOrderDeps {
  orders: OrdersRepository;
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
  | { outcome: 'unavailable'; order: Order }
  /** Payments were at their limit and never ran: nothing charged; the same request with its key pays later. */
  | { outcome: 'busy'; order: Order }
  /** Another request with the same key is still waiting for the payment: nothing was done, try again soon. */
  | { outcome: 'in-progress'; orderId?: string }
  | { outcome: 'key-mismatch' };

const MAX_KEY_RACES = 3;

/**
 * POST /orders as a story: store the order (nothing the user sent is lost), pay for it synchronously, and save
 * the answer: a paid order becomes PLACED and its order.placed goes into the outbox in the same transaction, so
 * the relay cooks it whatever the bus says right now. With an Idempotency-Key, a retried request gets the first
 * final answer without a second charge, and a request that ended without a payment answer pays on the same
 * order.
 */
export async function placeOrder(deps: PlaceOrderDeps, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  const fingerprint = requestFingerprint(input.request);
  let order: Order | undefined;

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
    if (decision.action === 'retry-payment' && existing) {
      deps.logger.info('payment retried for an order without a payment answer', {
        orderId: existing.orderId,
      });
      order = existing;
      break;
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
  const result = await deps.payments.charge({
    orderId: order.orderId,
    userId: order.userId,
    amountCents: order.amountCents,
    correlationId: input.correlationId,
  });
  const now = deps.now();
  const answered = afterPayment(order, result, now);
  const recorded = await deps.orders.recordPayment(answered.state, answered.events, now);
  deps.logger.info('payment answered', {
    outcome: result.outcome,
    recorded,
    reason: 'reason' in result ? result.reason : undefined,
  });
  // Stale: another request recorded an answer first; that one is the answer.
  const current =
    recorded === 'recorded' ? answered.state.order : ((await deps.orders.get(order.orderId)) ?? order);
  if (recorded === 'recorded' && result.outcome === 'unavailable' && result.throttled) {
    return { outcome: 'busy', order: current };
  }
  return answerFor(deps, current, recorded === 'stale');
}

async function answerFor(deps: PlaceOrderDeps, order: Order, replayed: boolean): Promise<PlaceOrderResult> {
  switch (order.status) {
    case 'PAYMENT_DECLINED':
      return { outcome: 'declined', order, replayed };
    case 'PAYMENT_PENDING':
    case 'PAYMENT_FAILED':
      return { outcome: 'unavailable', order };
    default:
      return { outcome: 'placed', order, timeline: await deps.orders.timeline(order.orderId), replayed };
  }
}
