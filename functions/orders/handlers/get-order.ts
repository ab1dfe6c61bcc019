import { NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { announcePlacedIfDue } from '../announce-placed';
import { orderView } from '../order-view';
import { clock, logger, metrics, orders, publisher } from '../wiring';

/**
 * GET /orders/{orderId}: the order and its timeline, to its owner; anyone else learns nothing, not even that it
 * exists. A paid order whose order.placed never reached the bus is announced now (retry on read).
 */
export const handler = httpRoute({ logger, metrics }, async ({ caller, pathParameters, logger: log }) => {
  const orderId = pathParameters.orderId ?? '';
  const found = orderId.length <= 64 ? await orders.get(orderId) : undefined;
  if (!found || found.userId !== caller.userId) {
    throw new NotFoundError('ORDER_NOT_FOUND', `You have no order '${orderId}'.`);
  }
  const order = await announcePlacedIfDue({ orders, publisher, logger: log, now: clock.now }, found);
  return { statusCode: 200, body: orderView(order, await orders.timeline(orderId)) };
});
