import type { Order, TimelineEntry } from './order';

/** What a customer (or the staff) sees of an order. */
export function orderView(order: Order, timeline?: readonly TimelineEntry[]) {
  return {
    orderId: order.orderId,
    userId: order.userId,
    status: order.status,
    pizza: order.pizza,
    quantity: order.quantity,
    address: order.address,
    amountCents: order.amountCents,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    ...(timeline
      ? { timeline: [...timeline].sort((a, b) => `${a.at}${a.eventId}`.localeCompare(`${b.at}${b.eventId}`)) }
      : {}),
  };
}

/** GET /orders/{orderId} and the 201 of POST /orders. */
export type OrderView = ReturnType<typeof orderView> & { timeline: TimelineEntry[] };
/** GET /orders: a page, newest first, and where the next one starts (null on the last page). */
export interface OrderListView {
  orders: Omit<OrderView, 'timeline'>[];
  nextCursor: string | null;
}
