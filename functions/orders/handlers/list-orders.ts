import { ForbiddenError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { parseInput } from '../../../shared/http/parse-body';
import { orderView } from '../domain/order-view';
import { listOrders } from '../use-cases/list-orders';
import { logger, metrics, orders } from '../wiring';
import { listOrdersQuery } from './input';

/** GET /orders: the caller's orders, newest first; GET /orders?all=true: everyone's, for staff and admins. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, query }) => {
  const { all } = parseInput(query, listOrdersQuery);
  const result = await listOrders(
    { orders: orders() },
    { userId: caller.userId, groups: caller.groups, all: all === 'true' },
  );
  if (result.outcome === 'forbidden') {
    throw new ForbiddenError("Only the 'staff' or 'admins' group may list every order.");
  }
  return { statusCode: 200, body: { orders: result.orders.map((o) => orderView(o)) } };
});
