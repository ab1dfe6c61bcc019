import { afterPayment, attemptOf, needsSettling, type Order, type PaymentResult } from '../domain/order';
import type { OrderPayments, PaymentsClient, UseCaseLog } from '../ports';

export interface PaymentDeps {
  orders: OrderPayments;
  payments: PaymentsClient;
  logger: UseCaseLog;
  now: () => Date;
}

export interface PaymentRecorded {
  /** The final answer about the attempt: the charge's, or the settle's when the charge had none. */
  result: PaymentResult;
  /** 'stale': another request (or the reconciler) recorded an answer first; `order` is then that one. */
  recorded: 'recorded' | 'stale';
  /** The order as it is now. */
  order: Order;
}

const attemptRequest = (order: Order, correlationId: string) => ({
  orderId: order.orderId,
  attempt: attemptOf(order),
  userId: order.userId,
  correlationId,
});

/**
 * Charges the order's current attempt and records what is known for sure. A charge without an answer (it failed,
 * timed out, or its answer was lost) may exist or may still be written, so the attempt is settled first: payments
 * answer its charge, or void it so that no charge of it can land later. Only then is the answer recorded: PLACED
 * (paid), PAYMENT_DECLINED, PAYMENT_FAILED (voided, or throttled: nothing charged) or, when even the settle got
 * no answer, PAYMENT_UNKNOWN for a retry or the reconciler to settle. Never "failed" with a charge behind it.
 */
export async function payAttempt(
  deps: PaymentDeps,
  order: Order,
  correlationId: string,
): Promise<PaymentRecorded> {
  const charged = await deps.payments.charge({
    ...attemptRequest(order, correlationId),
    amountCents: order.amountCents,
  });
  if (!needsSettling(charged)) return record(deps, order, charged);
  deps.logger.warn('no answer to the charge; settling the attempt before answering', {
    attempt: attemptOf(order),
    reason: charged.outcome === 'unavailable' ? charged.reason : undefined,
  });
  return settle(deps, order, correlationId);
}

/**
 * Settles the order's unsettled attempt (PAYMENT_PENDING from a request that died, or PAYMENT_UNKNOWN) and
 * records the answer: the attempt's charge if it has one, else its void (PAYMENT_FAILED, nothing charged); still
 * PAYMENT_UNKNOWN when payments could not be asked. Safe to repeat, and to race: the answer is recorded only on
 * the attempt it is about, while that attempt is still unsettled.
 */
export async function settle(
  deps: PaymentDeps,
  order: Order,
  correlationId: string,
): Promise<PaymentRecorded> {
  const settled = await deps.payments.settle(attemptRequest(order, correlationId));
  deps.logger.info('attempt settled', {
    attempt: attemptOf(order),
    outcome: settled.outcome,
    reason: settled.outcome === 'unavailable' ? settled.reason : undefined,
  });
  // A settle that was throttled did not run: the attempt is as unknown as before.
  const result: PaymentResult =
    settled.outcome === 'unavailable' ? { outcome: 'unavailable', reason: settled.reason } : settled;
  return record(deps, order, result);
}

async function record(deps: PaymentDeps, order: Order, result: PaymentResult): Promise<PaymentRecorded> {
  const now = deps.now();
  const answered = afterPayment(order, result, now);
  const recorded = await deps.orders.recordPayment(answered.state, answered.events, now);
  deps.logger.info('payment answered', {
    outcome: result.outcome,
    status: answered.state.order.status,
    attempt: attemptOf(order),
    recorded,
    reason: 'reason' in result ? result.reason : undefined,
  });
  const current =
    recorded === 'recorded' ? answered.state.order : ((await deps.orders.get(order.orderId)) ?? order);
  return { result, recorded, order: current };
}
