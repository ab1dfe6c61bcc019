import { BadRequestError, ForbiddenError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { GROUPS } from '../../../shared/identity';
import { orderView } from '../order-view';
import { logger, metrics, orders } from '../wiring';

const STAFF_GROUPS: readonly string[] = [GROUPS.staff, GROUPS.admins];

/** GET /orders: the caller's orders, newest first; GET /orders?all=true: everyone's, for staff and admins. */
export const handler = httpRoute({ logger, metrics }, async ({ caller, query }) => {
  const all = query.all;
  if (all !== undefined && all !== 'true' && all !== 'false') {
    throw new BadRequestError('VALIDATION_FAILED', 'Some fields are missing or wrong.', [
      { field: 'all', message: "must be 'true' or 'false'" },
    ]);
  }
  if (all === 'true') {
    if (!caller.groups.some((group) => STAFF_GROUPS.includes(group))) {
      throw new ForbiddenError("Only the 'staff' or 'admins' group may list every order.");
    }
    return { statusCode: 200, body: { orders: (await orders.listAll()).map((o) => orderView(o)) } };
  }
  return {
    statusCode: 200,
    body: { orders: (await orders.listForUser(caller.userId)).map((o) => orderView(o)) },
  };
});
