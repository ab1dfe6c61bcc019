import { ForbiddenError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { parseInput } from '../../../shared/http/parse-body';
import { decodeListCursor, encodeListCursor } from '../domain/order-list';
import { orderView } from '../domain/order-view';
import { listOrders } from '../use-cases/list-orders';
import { logger, metrics, orderLists } from '../wiring';
import { listOrdersQuery } from './input';

/**
 * GET /orders: a page of the caller's orders, newest first; ?all=true: of everyone's, for staff and admins.
 * `nextCursor` while there are more: send it back as ?cursor= for the next page (with the same `all`).
 */
export const handler = httpRoute({ logger, metrics }, async ({ caller, query }) => {
  const { all, limit, cursor } = parseInput(query, listOrdersQuery);
  const after = cursor === undefined ? undefined : decodeListCursor(cursor);
  const result = await listOrders(
    { orders: orderLists() },
    { userId: caller.userId, groups: caller.groups, all: all === 'true', limit, ...(after ? { after } : {}) },
  );
  if (result.outcome === 'forbidden') {
    throw new ForbiddenError("Only the 'staff' or 'admins' group may list every order.");
  }
  return {
    statusCode: 200,
    body: {
      orders: result.orders.map((o) => orderView(o)),
      nextCursor: result.next ? encodeListCursor(result.next) : null,
    },
  };
});
