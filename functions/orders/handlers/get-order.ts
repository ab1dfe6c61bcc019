import { NotFoundError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { orderView } from '../domain/order-view';
import { getOrder } from '../use-cases/get-order';
import { logger, metrics, orderReader } from '../wiring';

const MAX_ORDER_ID_LENGTH = 64;

/** GET /orders/{orderId}: the order and its timeline, to its owner; anyone else gets 404. A read, nothing more. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, pathParameters }) => {
  const orderId = pathParameters.orderId ?? '';
  const found =
    orderId.length <= MAX_ORDER_ID_LENGTH
      ? await getOrder({ orders: orderReader() }, { userId: caller.userId, orderId })
      : undefined;
  if (!found) throw new NotFoundError('ORDER_NOT_FOUND', `You have no order '${orderId}'.`);
  return { statusCode: 200, body: orderView(found.order, found.timeline) };
});
