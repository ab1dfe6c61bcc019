import { GROUPS } from '../../../shared/identity';
import type { Order } from '../domain/order';
import type { OrdersRepository } from '../ports';

const STAFF_GROUPS: readonly string[] = [GROUPS.staff, GROUPS.admins];

export type ListOrdersResult = { outcome: 'listed'; orders: Order[] } | { outcome: 'forbidden' };

/** The caller's orders, newest first; every order for the staff and admins, and for no one else. */
export async function listOrders(
  deps: { orders: OrdersRepository },
  input: { userId: string; groups: readonly string[]; all: boolean },
): Promise<ListOrdersResult> {
  if (!input.all) return { outcome: 'listed', orders: await deps.orders.listForUser(input.userId) };
  if (!input.groups.some((group) => STAFF_GROUPS.includes(group))) return { outcome: 'forbidden' };
  return { outcome: 'listed', orders: await deps.orders.listAll() };
}
