import { z } from 'zod';
import { IDEMPOTENCY_KEY_PATTERN } from '../domain/idempotency';
import { MAX_QUANTITY, MENU, MIN_QUANTITY } from '../domain/menu';

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
    address: z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters'),
  })
  .strict();

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** POST /orders' headers: an optional Idempotency-Key makes a retry safe. */
export const placeOrderHeaders = z.object({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1–128 letters, digits or . _ : -')
    .optional(),
});

/** GET /orders[?all=true]: everyone's orders, for staff and admins. */
export const listOrdersQuery = z.object({
  all: z.enum(['true', 'false'], "must be 'true' or 'false'").optional(),
});
