import { orderDeliveryUpdated, orderPlaced, orderReady } from '../../../events/pizza';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { storeNotification } from '../use-cases/store-notification';
import { config, dynamoDb, logger, metrics, store } from '../wiring';

/** The notification store: a subscriber of the order-status topic that keeps one message per status change. */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb().client },
  handlers: [
    onEvent(orderPlaced, async (event) => {
      await storeNotification({ store: store() }, { kind: 'placed', event });
    }),
    onEvent(orderReady, async (event) => {
      await storeNotification({ store: store() }, { kind: 'ready', event });
    }),
    onEvent(orderDeliveryUpdated, async (event) => {
      await storeNotification({ store: store() }, { kind: 'delivery-updated', event });
    }),
  ],
});
