import { randomUUID } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import {
  type ChargeResponse,
  chargeRequest,
  decideCharge,
  SLOW_DELAY_MS,
  simulatedLatencyMs,
  withinDeadline,
} from '../domain/payment';
import { clock, logger, payments, sleep } from '../wiring';

export class PaymentsOfflineError extends Error {
  override name = 'PaymentsOfflineError';
}

/**
 * The simulated payment processor, invoked directly by the orders service (never through the API). The
 * operator's switch makes it fail (off) or answer too late (slow); otherwise it decides by the credit limit,
 * once per order: a repeated request for an order gets the first answer. Past the caller's deadline it charges
 * nothing: the caller has already told the customer the payment failed.
 */
export const handler = middy(async (event: unknown): Promise<ChargeResponse> => {
  const request = chargeRequest.parse(event);
  logger.appendKeys({ correlationId: request.correlationId, orderId: request.orderId });
  const mode = await payments.mode();
  if (mode === 'off') {
    logger.warn('payments are switched off; charge refused');
    throw new PaymentsOfflineError('The payment processor is switched off (npm run payments -- on).');
  }
  await sleep(mode === 'slow' ? SLOW_DELAY_MS : simulatedLatencyMs(Math.random()));
  if (!withinDeadline(request.notAfter, clock.now())) {
    logger.warn("charge refused: the caller's deadline has passed; nothing charged", {
      notAfter: request.notAfter,
      mode,
    });
    return { outcome: 'expired', orderId: request.orderId };
  }
  const decision = decideCharge(request.amountCents);
  const { charge, repeated } = await payments.recordOnce({
    chargeId: `ch_${randomUUID()}`,
    orderId: request.orderId,
    userId: request.userId,
    amountCents: request.amountCents,
    outcome: decision.outcome,
    ...(decision.outcome === 'declined' ? { reason: decision.reason } : {}),
    chargedAt: clock.now().toISOString(),
    correlationId: request.correlationId,
  });
  logger.info(repeated ? 'repeated charge request; first answer returned' : 'charge decided', {
    outcome: charge.outcome,
    amountCents: charge.amountCents,
    requests: charge.requests,
    mode,
  });
  return charge.outcome === 'paid'
    ? { outcome: 'paid', chargeId: charge.chargeId, orderId: charge.orderId }
    : {
        outcome: 'declined',
        chargeId: charge.chargeId,
        orderId: charge.orderId,
        reason: charge.reason ?? 'declined',
      };
}).use(injectLambdaContext(logger, { resetKeys: true }));
