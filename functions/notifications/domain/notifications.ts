import type { OrderDeliveryUpdated, OrderPlaced, OrderReady } from '../../../events/pizza';

/** What a customer is told about a status change of their order. */
export interface Notification {
  userId: string;
  orderId: string;
  /** The event it was made from: one notification per event, however often it arrives. */
  eventId: string;
  status: 'PLACED' | 'READY' | OrderDeliveryUpdated['status'];
  message: string;
  /** When the status changed (from the event), which orders the list. */
  at: string;
}

/** What the notification store remembers of an order to speak about it later (order.ready names no pizza). */
export interface OrderSummary {
  pizza: string;
  quantity: number;
}

export function describePizza(summary: OrderSummary | undefined): string {
  if (!summary) return 'pizza';
  return summary.quantity > 1 ? `${summary.quantity} × ${summary.pizza}` : summary.pizza;
}

export function placedNotification(event: OrderPlaced): Notification {
  return {
    userId: event.userId,
    orderId: event.orderId,
    eventId: event.eventId,
    status: 'PLACED',
    message: `Your ${describePizza(event)} order is paid and in the oven.`,
    at: event.placedAt,
  };
}

export function readyNotification(event: OrderReady, summary: OrderSummary | undefined): Notification {
  return {
    userId: event.userId,
    orderId: event.orderId,
    eventId: event.eventId,
    status: 'READY',
    message: `Your ${describePizza(summary)} is ready; a driver picks it up next.`,
    at: event.readyAt,
  };
}

export function deliveryNotification(event: OrderDeliveryUpdated): Notification {
  const messages: Record<OrderDeliveryUpdated['status'], string> = {
    ASSIGNED: `${event.driverName} will bring your order.`,
    IN_TRANSIT: `${event.driverName} is on the way.`,
    DELIVERED: 'Delivered — enjoy!',
  };
  return {
    userId: event.userId,
    orderId: event.orderId,
    eventId: event.eventId,
    status: event.status,
    message: messages[event.status],
    at: event.at,
  };
}

/** The API's view: newest first, at most `limit`. */
export function newestFirst(notifications: Notification[], limit: number): Notification[] {
  return [...notifications]
    .sort((a, b) => b.at.localeCompare(a.at) || b.eventId.localeCompare(a.eventId))
    .slice(0, limit);
}
