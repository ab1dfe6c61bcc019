import type { OrderDeliveryUpdated, OrderPlaced, OrderReady } from '../../../events/pizza';
import { deliveryNotification, placedNotification, readyNotification } from '../domain/notifications';
import type { NotificationStore } from '../ports';

/** A status change of an order, as the order-status topic brings it. */
export type OrderStatusChange =
  | { kind: 'placed'; event: OrderPlaced }
  | { kind: 'ready'; event: OrderReady }
  | { kind: 'delivery-updated'; event: OrderDeliveryUpdated };

/**
 * Keeps one message for the customer per status change; a repeated event stores nothing new. A placed order's
 * pizza is remembered, since order.ready names none.
 */
export async function storeNotification(
  deps: { store: NotificationStore },
  change: OrderStatusChange,
): Promise<{ stored: boolean }> {
  switch (change.kind) {
    case 'placed': {
      const { orderId, pizza, quantity } = change.event;
      await deps.store.rememberOrder(orderId, { pizza, quantity });
      return { stored: await deps.store.add(placedNotification(change.event)) };
    }
    case 'ready': {
      const summary = await deps.store.orderSummary(change.event.orderId);
      return { stored: await deps.store.add(readyNotification(change.event, summary)) };
    }
    case 'delivery-updated':
      return { stored: await deps.store.add(deliveryNotification(change.event)) };
  }
}
