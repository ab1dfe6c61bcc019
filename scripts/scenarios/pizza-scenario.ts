/* What the pizza scenarios share: a narrator, signed-in customers, placing orders and waiting for them. */
import type { OrderView } from '../../functions/orders/domain/order-view';
import { apiClient } from '../lib/api-client';
import { eventually } from '../lib/eventually';
import { demoUser, signIn } from '../lib/users';

export type Say = (line?: string) => void;
export const consoleSay: Say = (line = '') => console.log(line);
export const silent: Say = () => {};

export type Api = ReturnType<typeof apiClient>;

export async function customer(username = 'alice'): Promise<Api> {
  return apiClient((await signIn(username, demoUser(username).password)).accessToken);
}

const PIZZAS = ['margherita', 'pepperoni', 'funghi', 'quattro_formaggi', 'diavola'];

/** Places `count` paid orders through the API, one after another or all at once (a rush); each must answer 201. */
export async function placeOrders(api: Api, count: number, tag: string, rush = false): Promise<OrderView[]> {
  const place = async (n: number) => {
    const response = await api.post<OrderView>('/orders', {
      pizza: PIZZAS[n % PIZZAS.length],
      quantity: 1,
      address: `${tag} ${n + 1}, Hauptstrasse 1, 10115 Berlin`,
    });
    if (response.status !== 201) {
      throw new Error(`order ${n + 1} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };
  const numbers = Array.from({ length: count }, (_, n) => n);
  if (rush) return Promise.all(numbers.map(place));
  const orders: OrderView[] = [];
  for (const n of numbers) orders.push(await place(n));
  return orders;
}

/** Waits until every order has reached the status, reading them as their customer does. */
export async function waitForStatus(
  api: Api,
  orderIds: string[],
  status: string,
  timeoutMs = 120_000,
): Promise<OrderView[]> {
  return eventually(
    async () => {
      const orders = await Promise.all(
        orderIds.map(async (id) => (await api.get<OrderView>(`/orders/${id}`)).body),
      );
      return orders.every((o) => o.status === status) ? orders : undefined;
    },
    { what: `${orderIds.length} orders ${status}`, timeoutMs, intervalMs: 500 },
  );
}

/** How often each step appears on an order's timeline: a cooked-twice order would show READY twice. */
export function stepCounts(order: OrderView): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of order.timeline) counts[entry.status] = (counts[entry.status] ?? 0) + 1;
  return counts;
}

export function runAsScript(run: (say: Say) => Promise<unknown>): void {
  run(consoleSay).catch((error) => {
    console.error(`The scenario failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
