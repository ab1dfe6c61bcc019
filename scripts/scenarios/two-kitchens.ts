/*
 * Scenario 3, two kitchens share the work (npm run scenario:two-kitchens). Two kitchen functions compete for one
 * queue, one message at a time; a rush of orders is spread over both. Orders go through API Gateway.
 */
import { eventually } from '../lib/eventually';
import { kitchenOperator } from '../lib/kitchen';
import { loadOutputs } from '../lib/target';
import { customer, placeOrders, runAsScript, type Say } from './pizza-scenario';

export interface TwoKitchensReport {
  placed: number;
  cookedBy: Record<string, number>;
}

export async function twoKitchens(say: Say, count = 10): Promise<TwoKitchensReport> {
  const kitchen = kitchenOperator(loadOutputs());
  say('Scenario 3: two kitchens share the work');
  say('=======================================');
  const bob = await customer('bob');
  const settings = await kitchen.repository.settings();
  say(
    `1. A rush: Bob's office orders ${count} pizzas at once. Each takes ${settings.prepMinMs}–${settings.prepMaxMs} ms to prepare.`,
  );
  const orders = await placeOrders(bob, count, 'two-kitchens');
  const cooked = await eventually(
    async () => {
      const all = await Promise.all(orders.map((o) => kitchen.repository.cooked(o.orderId)));
      return all.every(Boolean) ? all.map((c) => c!) : undefined;
    },
    { what: 'every order cooked', timeoutMs: 180_000, intervalMs: 500 },
  );
  const cookedBy: Record<string, number> = {};
  for (const c of cooked) cookedBy[c.kitchenName] = (cookedBy[c.kitchenName] ?? 0) + 1;
  say('2. Who cooked what:');
  for (const [name, n] of Object.entries(cookedBy).sort()) say(`   ${name}: ${n} orders`);
  return { placed: orders.length, cookedBy };
}

if (require.main === module) runAsScript(twoKitchens);
