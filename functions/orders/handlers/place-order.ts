import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ERRORS } from '../../../shared/errors';
import { BadRequestError, ConflictError, HttpError } from '../../../shared/http/errors';
import { type HttpResult, httpRoute } from '../../../shared/http/http-handler';
import { IDEMPOTENCY_HEADER } from '../../../shared/http/request-headers';
import { isValidIdempotencyKey } from '../domain/idempotency';
import { orderView } from '../domain/order-view';
import { placeOrder } from '../use-cases/place-order';
import { clock, logger, metrics, newOrderId, orderPayments, paymentsClient } from '../wiring';
import { placeOrderBody } from './input';

/** Retry-After of a 429 when payments were throttled: a payment takes 50–150 ms, so a second is plenty. */
export const PAYMENTS_RETRY_AFTER_SECONDS = '1';

/** An error that also names the order it is about, so the client can look it up. */
class OrderError extends HttpError {
  constructor(
    code: 'PAYMENT_UNAVAILABLE',
    readonly orderId: string,
  ) {
    super(ERRORS[code].status, code, ERRORS[code].message);
  }

  override toBody() {
    return { ...super.toBody(), orderId: this.orderId };
  }
}

const replayedHeader = (replayed: boolean): Record<string, string> =>
  replayed ? { 'idempotent-replayed': 'true' } : {};

/**
 * POST /orders {pizza, quantity, address}: 201 paid and placed; 402 declined; 503 when payments are down or too
 * slow and nothing was charged (the order is kept as PAYMENT_FAILED, no event); 202 when nobody can tell yet
 * whether the payment went through (PAYMENT_UNKNOWN: it is being confirmed, GET /orders/{id} shows the outcome);
 * 409 while a request with the same key is still paying. An Idempotency-Key makes a retry safe; a replayed final
 * answer (201 or 402) says so in `idempotent-replayed`.
 */
export const handler = httpRoute(
  { logger, metrics, clock, body: placeOrderBody },
  async ({ caller, body, headers, correlationId, logger: log }): Promise<HttpResult> => {
    const idempotencyKey = headers[IDEMPOTENCY_HEADER];
    if (idempotencyKey !== undefined && !isValidIdempotencyKey(idempotencyKey)) {
      throw new BadRequestError('VALIDATION_FAILED', undefined, [
        { field: 'Idempotency-Key', message: 'must be 1–128 letters, digits or . _ : -' },
      ]);
    }
    const result = await placeOrder(
      { orders: orderPayments(), payments: paymentsClient(), logger: log, now: clock.now, newOrderId },
      { userId: caller.userId, request: body, correlationId, idempotencyKey },
    );
    switch (result.outcome) {
      case 'key-mismatch':
        throw HttpError.of('IDEMPOTENCY_KEY_REUSED');
      case 'in-progress':
        throw new ConflictError(
          'REQUEST_IN_PROGRESS',
          undefined,
          result.orderId ? { orderId: result.orderId } : undefined,
        );
      case 'busy':
        // Shed, not failed: payments are at their limit and never ran. The order is kept as PAYMENT_FAILED, so
        // the same request with its Idempotency-Key pays it.
        metrics.addMetric('PaymentsThrottled', MetricUnit.Count, 1);
        return {
          statusCode: 429,
          headers: { 'retry-after': PAYMENTS_RETRY_AFTER_SECONDS },
          body: {
            code: 'PAYMENTS_BUSY',
            message: ERRORS.PAYMENTS_BUSY.message,
            orderId: result.order.orderId,
          },
        };
      case 'unavailable':
        metrics.addMetric('PaymentsUnavailable', MetricUnit.Count, 1);
        throw new OrderError('PAYMENT_UNAVAILABLE', result.order.orderId);
      case 'unconfirmed':
        // Accepted, not failed: the charge may have gone through. The reconciler (or a retry with the same
        // Idempotency-Key) settles it: placed if paid, failed with nothing charged otherwise.
        metrics.addMetric('PaymentsUnconfirmed', MetricUnit.Count, 1);
        return {
          statusCode: 202,
          headers: { location: `/orders/${result.order.orderId}` },
          body: {
            code: 'PAYMENT_UNCONFIRMED',
            message: ERRORS.PAYMENT_UNCONFIRMED.message,
            orderId: result.order.orderId,
            status: result.order.status,
          },
        };
      case 'declined':
        // A result, not an error: a replayed 402 carries its header like a replayed 201.
        return {
          statusCode: 402,
          headers: replayedHeader(result.replayed),
          body: {
            code: 'PAYMENT_DECLINED',
            message: ERRORS.PAYMENT_DECLINED.message,
            orderId: result.order.orderId,
          },
        };
      case 'placed':
        if (!result.replayed) metrics.addMetric('OrdersPlaced', MetricUnit.Count, 1);
        return {
          statusCode: 201,
          headers: { location: `/orders/${result.order.orderId}`, ...replayedHeader(result.replayed) },
          body: orderView(result.order, result.timeline),
        };
    }
  },
);
