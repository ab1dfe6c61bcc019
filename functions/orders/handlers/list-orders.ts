import { z } from 'zod';
import { ForbiddenError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { parseInput } from '../../../shared/http/parse-body';
import { DEFAULT_PAGE_SIZE, decodeListCursor, encodeListCursor, MAX_PAGE_SIZE } from '../domain/order-list';
import { orderView } from '../domain/order-view';
import { listOrders } from '../use-cases/list-orders';
import { logger, metrics, orders } from '../wiring';

const NOT_A_CURSOR = 'is not a cursor this API gave out';

/**
 * GET /orders?all=&limit=&cursor=: a bad value (or an unknown parameter) is a 400 that names it. `cursor` is the
 * `nextCursor` of the page before, opaque to the client (order-list.ts).
 */
export const listOrdersQuery = z
  .object({
    all: z.enum(['true', 'false'], { message: "must be 'true' or 'false'" }).default('false'),
    limit: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
      .default(DEFAULT_PAGE_SIZE),
    cursor: z
      .string()
      .max(512, NOT_A_CURSOR)
      .refine((cursor) => decodeListCursor(cursor) !== undefined, NOT_A_CURSOR)
      .optional(),
  })
  .strict();

/**
 * GET /orders: a page of the caller's orders, newest first; ?all=true: of everyone's, for staff and admins.
 * `nextCursor` while there are more: send it back as ?cursor= for the next page (with the same `all`).
 */
export const handler = httpRoute({ logger, metrics }, async ({ caller, query }) => {
  const { all, limit, cursor } = parseInput(query, listOrdersQuery);
  const after = cursor === undefined ? undefined : decodeListCursor(cursor);
  const result = await listOrders(
    { orders: orders() },
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
