import type { Logger } from '@aws-lambda-powertools/logger';
import { orderPlaced } from '../../events/pizza';
import type { EventPublisher } from '../../shared/messaging/event-publisher';
import type { OrdersRepository } from './adapters/orders-repository';
import { needsPlacedAnnouncement, type Order, placedEventId } from './domain/order';

export interface AnnounceDeps {
  orders: Pick<OrdersRepository, 'markPlacedPublished'>;
  publisher: EventPublisher;
  logger: Logger;
  now: () => Date;
}

/**
 * Publishes order.placed for a paid order that is not known to be on the bus, then marks it. Never throws: the
 * order is paid and kept whatever the bus says, and the next read of it by its owner (or a retried POST) tries
 * again, so a paid order is never left uncooked. The event id is the order's, so a second publish is harmless;
 * the correlation id is the order's own, whichever request happens to publish it.
 */
export async function announcePlacedIfDue(deps: AnnounceDeps, order: Order): Promise<Order> {
  if (!needsPlacedAnnouncement(order)) return order;
  try {
    await deps.publisher.publish(orderPlaced, {
      eventId: placedEventId(order.orderId),
      correlationId: order.correlationId,
      orderId: order.orderId,
      userId: order.userId,
      pizza: order.pizza,
      quantity: order.quantity,
      address: order.address,
      amountCents: order.amountCents,
      placedAt: order.placedAt ?? order.updatedAt,
    });
    const at = deps.now();
    await deps.orders.markPlacedPublished(order.orderId, at);
    return { ...order, placedPublishedAt: at.toISOString() };
  } catch (error) {
    deps.logger.error('order.placed not published; the next read of the order tries again', {
      orderId: order.orderId,
      error: error as Error,
    });
    return order;
  }
}
