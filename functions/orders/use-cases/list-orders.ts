import { GROUPS } from '../../../shared/identity';
import type { ListPosition, OrderPage } from '../domain/order-list';
import type { OrderLists } from '../ports';

const STAFF_GROUPS: readonly string[] = [GROUPS.staff, GROUPS.admins];

export type ListOrdersResult = ({ outcome: 'listed' } & OrderPage) | { outcome: 'forbidden' };

/**
 * A page of the caller's orders, newest first; of every order for the staff and admins, and for no one else.
 * `after` is where the previous page ended.
 */
export async function listOrders(
  deps: { orders: OrderLists },
  input: { userId: string; groups: readonly string[]; all: boolean; limit: number; after?: ListPosition },
): Promise<ListOrdersResult> {
  const page = { limit: input.limit, ...(input.after ? { after: input.after } : {}) };
  if (!input.all) return { outcome: 'listed', ...(await deps.orders.listForUser(input.userId, page)) };
  if (!input.groups.some((group) => STAFF_GROUPS.includes(group))) return { outcome: 'forbidden' };
  return { outcome: 'listed', ...(await deps.orders.listAll(page)) };
}
