import type { Order, TimelineEntry } from '../domain/order';
import type { OrderReader } from '../ports';

/** An order and its timeline, to its owner only: anyone else learns nothing, not even that it exists. */
export async function getOrder(
  deps: { orders: OrderReader },
  input: { userId: string; orderId: string },
): Promise<{ order: Order; timeline: TimelineEntry[] } | undefined> {
  const order = await deps.orders.get(input.orderId);
  if (!order || order.userId !== input.userId) return undefined;
  return { order, timeline: await deps.orders.timeline(input.orderId) };
}
