import { BadRequestError, ForbiddenError } from '../../../shared/http/errors';
import { httpRoute } from '../../../shared/http/http-handler';
import { GROUPS } from '../../../shared/identity';
import { announcePlacedIfDue } from '../announce-placed';
import { orderView } from '../order-view';
import { clock, logger, metrics, orders, publisher } from '../wiring';

const STAFF_GROUPS: readonly string[] = [GROUPS.staff, GROUPS.admins];

/**
 * GET /orders: the caller's orders, newest first; GET /orders?all=true: everyone's, for staff and admins. The
 * caller's paid orders whose order.placed never reached the bus are announced now (retry on read).
 */
export const handler = httpRoute({ logger, metrics }, async ({ caller, query, logger: log }) => {
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
  const deps = { orders, publisher, logger: log, now: clock.now };
  const mine = await Promise.all(
    (await orders.listForUser(caller.userId)).map((order) => announcePlacedIfDue(deps, order)),
  );
  return { statusCode: 200, body: { orders: mine.map((o) => orderView(o)) } };
});
