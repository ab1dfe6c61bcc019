import { NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { orderView } from '../order-view';
import { logger, metrics, orders } from '../wiring';

/** GET /orders/{orderId}: the order and its timeline, to its owner; anyone else learns nothing, not even that it exists. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, pathParameters }) => {
  const orderId = pathParameters.orderId ?? '';
  const order = orderId.length <= 64 ? await orders.get(orderId) : undefined;
  if (!order || order.userId !== caller.userId) {
    throw new NotFoundError('ORDER_NOT_FOUND', `You have no order '${orderId}'.`);
  }
  return { statusCode: 200, body: orderView(order, await orders.timeline(orderId)) };
});
