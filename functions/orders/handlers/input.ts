import * as z from 'zod';
import { typedText } from '../../../shared/http/body-fields';
import { IDEMPOTENCY_HEADER } from '../../../shared/http/request-headers';
import { pagingCursor } from '../../../shared/paging-cursor';
import { IDEMPOTENCY_KEY_PATTERN } from '../domain/idempotency';
import { MAX_QUANTITY, MENU, MIN_QUANTITY } from '../domain/menu';
import { DEFAULT_PAGE_SIZE, decodeListCursor, MAX_PAGE_SIZE } from '../domain/order-list';

/** POST /orders {pizza, quantity, address}. */
export const placeOrderBody = z
  .object({
    pizza: z.enum(
      MENU.map((item) => item.id),
      'is not on the menu (see GET /menu)',
    ),
    quantity: z
      .number()
      .int('must be a whole number')
      .min(MIN_QUANTITY, `must be at least ${MIN_QUANTITY}`)
      .max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`),
    address: typedText(300),
  })
  .strict();

/** POST /orders' headers: an optional Idempotency-Key makes a retry safe. */
export const placeOrderHeaders = z.object({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1–128 letters, digits or . _ : -')
    .optional(),
});

const NOT_A_CURSOR = 'is not a cursor this API gave out';

/**
 * GET /orders?all=&limit=&cursor=: a bad value (or an unknown parameter) is a 400 that names it. `cursor` is the
 * `nextCursor` of the page before, opaque to the client (domain/order-list.ts); `all=true`: everyone's orders,
 * for staff and admins.
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
    cursor: pagingCursor.refine((cursor) => decodeListCursor(cursor) !== undefined, NOT_A_CURSOR).optional(),
  })
  .strict();
