import { orderReady } from '../../../events/pizza';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { receiveReadyOrder } from '../use-cases/receive-ready-order';
import { clock, config, dynamoDb, logger, metrics, steps, store } from '../wiring';

/** A cooked order joins the waiting list and gets the longest-free driver, or waits until one is free. */
export const handler = eventConsumer({
  clock,
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(orderReady, async (ready, { logger: log, correlationId }) => {
      await receiveReadyOrder({ store: store(), steps: steps(), log, now: clock.now }, ready, correlationId);
    }),
  ],
});
