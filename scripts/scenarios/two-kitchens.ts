/*
 * Scenario 3, two kitchens share the work (npm run scenario:two-kitchens). Two kitchen functions compete for one
 * queue, one message at a time. The dinner rush: orders pile up before the shop opens; when it opens, both
 * kitchens take from the same queue and the orders are spread over them; each order is claimed by the kitchen that
 * cooks it before it goes into the oven. Orders go through API Gateway.
 */
import { eventually } from '../lib/eventually';
import { kitchenOperator } from '../lib/kitchen';
import { loadOutputs } from '../lib/target';
import { customer, placeOrders, runAsScript, type Say } from './pizza-scenario';

export interface TwoKitchensReport {
  placed: number;
  cookedBy: Record<string, number>;
  /** Orders whose claim (taken before the oven) names the kitchen that cooked them: every order, if one oven each. */
  claimedByTheirCook: number;
}

export async function twoKitchens(say: Say, count = 10): Promise<TwoKitchensReport> {
  const outputs = loadOutputs();
  const kitchen = kitchenOperator(outputs);
  say('Scenario 3: two kitchens share the work');
  say('=======================================');
  const bob = await customer('bob');
  const settings = await kitchen.repository.settings();

  await kitchen.setEnabled(false);
  try {
    say(
      `1. Before opening time Bob's office sends ${count} orders; they are paid and wait in the kitchen queue.`,
    );
    const orders = await placeOrders(bob, count, 'two-kitchens', true);
    await eventually(async () => (await kitchen.queueDepth(outputs.KitchenQueueUrl)).visible >= count, {
      what: 'the orders waiting in the kitchen queue',
    });
    say(
      `2. The shop opens: both kitchens start taking orders, each ${settings.prepMinMs}–${settings.prepMaxMs} ms.`,
    );
    await kitchen.setEnabled(true);
    const cooked = await eventually(
      async () => {
        const all = await Promise.all(orders.map((o) => kitchen.repository.cooked(o.orderId)));
        return all.every(Boolean) ? all.map((c) => c!) : undefined;
      },
      { what: 'every order cooked', timeoutMs: 180_000, intervalMs: 500 },
    );
    const cookedBy: Record<string, number> = {};
    for (const c of cooked) cookedBy[c.kitchenName] = (cookedBy[c.kitchenName] ?? 0) + 1;
    say('3. Who cooked what:');
    for (const [name, n] of Object.entries(cookedBy).sort()) say(`   ${name}: ${n} orders`);
    // A kitchen claims an order (COOKING, with a lease) before it goes into the oven: the other kitchen leaves it.
    const claims = await Promise.all(orders.map((o) => kitchen.repository.claimOf(o.orderId)));
    const claimedByTheirCook = claims.filter(
      (claim, i) => claim?.status === 'COOKED' && claim.kitchenName === cooked[i]!.kitchenName,
    ).length;
    say(
      `4. Each order was claimed by one kitchen before it went into its oven: ${claimedByTheirCook} of ${orders.length} claims name the kitchen that cooked the order.`,
    );
    return { placed: orders.length, cookedBy, claimedByTheirCook };
  } finally {
    await kitchen.setEnabled(true);
  }
}

if (require.main === module) runAsScript(twoKitchens);
