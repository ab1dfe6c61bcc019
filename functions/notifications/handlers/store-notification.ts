import { orderDeliveryUpdated, orderPlaced, orderReady } from '../../../events/pizza';
import { eventConsumer, onEvent } from '../../../shared/messaging/event-consumer';
import { deliveryNotification, placedNotification, readyNotification } from '../domain/notifications';
import { config, dynamoDb, logger, metrics, notifications } from '../wiring';

/** The notification store: a subscriber of the order-status topic that keeps one message per status change. */
export const handler = eventConsumer({
  logger,
  metrics,
  idempotency: { tableName: config.TABLE_NAME, client: dynamoDb.client },
  handlers: [
    onEvent(orderPlaced, async (placed) => {
      await notifications.rememberOrder(placed.orderId, { pizza: placed.pizza, quantity: placed.quantity });
      await notifications.add(placedNotification(placed));
    }),
    onEvent(orderReady, async (ready) => {
      await notifications.add(readyNotification(ready, await notifications.orderSummary(ready.orderId)));
    }),
    onEvent(orderDeliveryUpdated, async (update) => {
      await notifications.add(deliveryNotification(update));
    }),
  ],
});
