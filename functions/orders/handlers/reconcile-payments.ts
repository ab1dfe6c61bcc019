import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import {
  RECONCILE_BATCH,
  RECONCILE_GRACE_MS,
  type ReconcileReport,
  reconcilePayments,
} from '../use-cases/reconcile-payments';
import { clock, logger, metrics, paymentsClient, unsettledOrders } from '../wiring';

/** A direct invocation (an operator, a test) may shorten the grace period; the schedule's event uses the default. */
const operatorInput = z.object({ olderThanSeconds: z.number().int().min(0).max(86_400) });

/**
 * Scheduled every minute: settles the orders whose payment is not known (PAYMENT_UNKNOWN) or whose request died
 * while paying, older than the grace period: placed if their attempt charged, failed (voided) otherwise.
 */
export const handler = middy(async (event: unknown): Promise<ReconcileReport> => {
  await clock.sync();
  const override = operatorInput.safeParse(event);
  const graceMs = override.success ? override.data.olderThanSeconds * 1000 : RECONCILE_GRACE_MS;
  const report = await reconcilePayments(
    { orders: unsettledOrders(), payments: paymentsClient(), logger, now: clock.now },
    { olderThan: new Date(clock.now().getTime() - graceMs), limit: RECONCILE_BATCH },
  );
  logger.removeKeys(['orderId']);
  if (report.unknown > 0) metrics.addMetric('PaymentsStillUnknown', MetricUnit.Count, report.unknown);
  if (report.found > 0) logger.info('unsettled payments reconciled', { ...report });
  return report;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
