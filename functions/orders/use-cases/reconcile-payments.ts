import type { OrderStatus } from '../domain/order';
import type { UnsettledOrders } from '../ports';
import { type PaymentDeps, settle } from './settle-payment';

/**
 * How long an unsettled order is left alone before the reconciler settles it: well past the life of the request
 * that is paying it (a charge's ~2 s, a settle's few tries, the function's 10 s limit), so the reconciler does not
 * void an attempt that a live request is about to be answered for (that would be safe, only needlessly "failed").
 */
export const RECONCILE_GRACE_MS = 30_000;
/** Orders settled per run, at most; the next run (a minute later) takes the rest. */
export const RECONCILE_BATCH = 25;
/** Settles in a row that got no answer before a run gives up: payments are down, the next run tries again. */
export const RECONCILE_GIVE_UP_AFTER = 3;

export interface ReconcileReport {
  /** Unsettled orders found older than the grace period. */
  found: number;
  placed: number;
  declined: number;
  /** Voided: nothing was charged, and nothing can be. */
  failed: number;
  /** Payments could not be asked: still PAYMENT_UNKNOWN, for the next run. */
  unknown: number;
  /** Settled meanwhile by a retry of the customer's (or another run): nothing recorded here. */
  stale: number;
}

/**
 * The reconciler: settles orders whose payment nobody could confirm (PAYMENT_UNKNOWN) or whose request died
 * while paying (PAYMENT_PENDING past the grace period). Each attempt is settled with payments, which answer its
 * charge or void it for good: paid orders are placed (order.placed through the outbox, as when the customer waits),
 * the others fail with nothing charged. Idempotent: settling twice changes nothing, and an answer is recorded only
 * on an attempt that is still unsettled.
 */
export async function reconcilePayments(
  deps: PaymentDeps & { orders: UnsettledOrders },
  input: { olderThan: Date; limit: number },
): Promise<ReconcileReport> {
  const orders = await deps.orders.unsettled(input.olderThan, input.limit);
  const report: ReconcileReport = {
    found: orders.length,
    placed: 0,
    declined: 0,
    failed: 0,
    unknown: 0,
    stale: 0,
  };
  const counted: Partial<Record<OrderStatus, keyof ReconcileReport>> = {
    PAYMENT_DECLINED: 'declined',
    PAYMENT_FAILED: 'failed',
    PAYMENT_UNKNOWN: 'unknown',
    PAYMENT_PENDING: 'unknown',
  };
  let unanswered = 0;
  for (const [index, order] of orders.entries()) {
    if (unanswered >= RECONCILE_GIVE_UP_AFTER) {
      deps.logger.warn('payments do not answer; the next run settles the rest', {
        left: orders.length - index,
      });
      break;
    }
    deps.logger.appendKeys({ orderId: order.orderId });
    const settled = await settle(deps, order, order.correlationId);
    unanswered = settled.result.outcome === 'unavailable' ? unanswered + 1 : 0;
    if (settled.recorded === 'stale') report.stale++;
    else report[counted[settled.order.status] ?? 'placed']++;
  }
  return report;
}
