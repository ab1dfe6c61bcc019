import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { deliveryStepDue } from '../../../events/delivery-steps';
import { eventConsumer, onEvent, PoisonMessageError } from '../../../shared/messaging/event-consumer';
import { SWEEP_INPUT } from '../domain/sweep';
import { advanceDelivery } from '../use-cases/advance-delivery';
import { type SweepReport, sweepDeliveries } from '../use-cases/sweep-deliveries';
import { clock, config, dynamoDb, logger, metrics, steps, store } from '../wiring';

/**
 * The delivery's clock: a step message shows up on the steps queue once its leg's travel time has passed, and
 * the order moves on by one step.
 */
const consumeSteps = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(deliveryStepDue, async ({ orderId, step }, { logger: log }) => {
      const result = await advanceDelivery(
        { store: store(), steps: steps(), log, now: clock.now },
        { orderId, step },
      );
      if (result.outcome === 'unknown-order')
        throw new PoisonMessageError(`no delivery for order ${orderId}`);
    }),
  ],
});

const isSweep = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { sweep?: unknown }).sweep === SWEEP_INPUT.sweep;

/**
 * The safety net, in the same function (it needs the same table, queue and code, and the stack no new function):
 * on a schedule, a driver whose leg's step never came is moved on, and a driver held by nothing is freed.
 * Throws when a delivery could not be moved on, so the run counts as an error (alarmed) and is tried again.
 */
async function sweep(): Promise<SweepReport> {
  await clock.sync();
  const report = await sweepDeliveries({ store: store(), steps: steps(), log: logger, now: clock.now });
  logger.info('deliveries swept', { ...report });
  if (report.failed.length > 0) {
    throw new Error(
      `the sweeper could not move on ${report.failed.length} delivery(ies): ${report.failed.join(', ')}`,
    );
  }
  return report;
}

export const handler = async (
  event: SQSEvent | typeof SWEEP_INPUT,
  context: Context,
): Promise<SQSBatchResponse | SweepReport> =>
  isSweep(event) ? sweep() : consumeSteps(event as SQSEvent, context);
