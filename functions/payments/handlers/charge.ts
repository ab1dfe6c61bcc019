import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { AppError } from '../../../shared/errors';
import { type ChargeResponse, chargeAnswer, chargeRequest } from '../domain/payment';
import { chargeOrder } from '../use-cases/charge';
import { clock, logger, newChargeId, payments, sleep } from '../wiring';

/** The operator switched payments off: the charge fails, as a processor that is down does. */
export class PaymentsOfflineError extends AppError {
  constructor(message: string) {
    super('PAYMENTS_OFFLINE', message);
  }
}

/**
 * The simulated payment processor, invoked directly by the orders service (never through the API): validate the
 * request, charge the order once, answer. Switched off, it fails, as a processor that is down does.
 */
export const handler = middy(async (event: unknown): Promise<ChargeResponse> => {
  const request = chargeRequest.parse(event);
  await clock.sync();
  logger.appendKeys({ correlationId: request.correlationId, orderId: request.orderId });
  const result = await chargeOrder(
    { payments: payments(), now: clock.now, sleep, random: Math.random, newChargeId },
    request,
  );
  switch (result.outcome) {
    case 'offline':
      logger.warn('payments are switched off; charge refused');
      throw new PaymentsOfflineError('The payment processor is switched off (npm run payments -- on).');
    case 'expired':
      logger.warn("charge refused: the caller's deadline has passed; nothing charged", {
        notAfter: request.notAfter,
        mode: result.mode,
      });
      return { outcome: 'expired', orderId: request.orderId };
    case 'charged':
      logger.info(result.repeated ? 'repeated charge request; first answer returned' : 'charge decided', {
        outcome: result.charge.outcome,
        amountCents: result.charge.amountCents,
        requests: result.charge.requests,
        mode: result.mode,
      });
      return chargeAnswer(result.charge);
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));
