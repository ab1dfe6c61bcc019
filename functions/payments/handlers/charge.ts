import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { AppError } from '../../../shared/errors';
import {
  type ChargeRequest,
  type ChargeResponse,
  chargeAnswer,
  paymentsRequest,
  type SettleRequest,
} from '../domain/payment';
import { chargeOrder, settleAttempt } from '../use-cases/charge';
import { clock, logger, newChargeId, payments, sleep } from '../wiring';

/** The operator switched payments off: the charge fails, as a processor that is down does. */
export class PaymentsOfflineError extends AppError {
  constructor(message: string) {
    super('PAYMENTS_OFFLINE', message);
  }
}

/** 'partition': a settle cannot reach payments, as when the network between the services is cut. */
export class PaymentsUnreachableError extends AppError {
  constructor(message: string) {
    super('PAYMENTS_UNREACHABLE', message);
  }
}

const deps = () => ({ payments: payments(), now: clock.now, sleep, random: Math.random, newChargeId });

async function charge(request: ChargeRequest): Promise<ChargeResponse> {
  const result = await chargeOrder(deps(), request);
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
      if (result.charge.outcome === 'voided') {
        logger.warn('charge refused: the attempt was settled (voided) before this charge; nothing charged', {
          mode: result.mode,
          requests: result.charge.requests,
        });
      } else {
        logger.info(result.repeated ? 'repeated charge request; first answer returned' : 'charge decided', {
          outcome: result.charge.outcome,
          amountCents: result.charge.amountCents,
          requests: result.charge.requests,
          mode: result.mode,
        });
      }
      return chargeAnswer(result.charge);
  }
}

async function settle(request: SettleRequest): Promise<ChargeResponse> {
  const result = await settleAttempt(deps(), request);
  if (result.outcome === 'unreachable') {
    logger.warn('settle refused: payments are cut off (partition); nothing read, nothing written');
    throw new PaymentsUnreachableError('Payments cannot be reached (npm run payments -- on).');
  }
  logger.info('attempt settled', {
    outcome: result.charge.outcome,
    voidedNow: result.voidedNow,
    requests: result.charge.requests,
    mode: result.mode,
  });
  return chargeAnswer(result.charge);
}

/**
 * The simulated payment processor, invoked directly by the orders service (never through the API). It charges an
 * attempt once, or settles an attempt whose charge the caller saw no answer to (the charge, or a void that no
 * later charge can pass). Switched off, a charge fails, as a processor that is down does.
 */
export const handler = middy(async (event: unknown): Promise<ChargeResponse> => {
  const request = paymentsRequest.parse(event);
  await clock.sync();
  logger.appendKeys({
    correlationId: request.correlationId,
    orderId: request.orderId,
    attempt: request.attempt,
    operation: request.operation,
  });
  return request.operation === 'charge' ? charge(request) : settle(request);
}).use(injectLambdaContext(logger, { resetKeys: true }));
