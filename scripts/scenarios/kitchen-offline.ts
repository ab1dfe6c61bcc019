/*
 * Scenario 2, the kitchen goes offline (npm run scenario:kitchen-offline). The operator switches both kitchens
 * off; five paid orders wait in the kitchen's queue, none lost; the kitchens come back and cook and deliver each
 * of them exactly once. Orders go through API Gateway with a real token.
 */
import { eventually } from '../lib/eventually';
import { kitchenOperator } from '../lib/kitchen';
import { loadOutputs } from '../lib/target';
import { customer, placeOrders, runAsScript, type Say, stepCounts, waitForStatus } from './pizza-scenario';

export interface KitchenOfflineReport {
  placed: number;
  waitingInQueue: number;
  cookedWhileOff: number;
  delivered: number;
  cookedOnce: boolean;
}

export async function kitchenOffline(say: Say): Promise<KitchenOfflineReport> {
  const outputs = loadOutputs();
  const kitchen = kitchenOperator(outputs);
  say('Scenario 2: the kitchen goes offline');
  say('====================================');
  const alice = await customer('alice');

  await kitchen.setEnabled(false);
  try {
    say('1. The operator switches both kitchens off (npm run kitchen -- off).');
    const orders = await placeOrders(alice, 5, 'kitchen-offline');
    const ids = orders.map((o) => o.orderId);
    say(`2. Alice places five orders; each is paid at once (201): ${ids.join(', ')}.`);
    const depth = await eventually(
      async () => {
        const d = await kitchen.queueDepth(outputs.KitchenQueueUrl);
        return d.visible >= orders.length ? d : undefined;
      },
      { what: 'the orders waiting in the kitchen queue' },
    );
    const cookedWhileOff = (await Promise.all(ids.map((id) => kitchen.repository.cooked(id)))).filter(
      Boolean,
    ).length;
    say(`3. They wait in the kitchen's queue: ${depth.visible} messages waiting, ${cookedWhileOff} cooked.`);

    say('4. The kitchens come back (npm run kitchen -- on).');
    await kitchen.setEnabled(true);
    const delivered = await waitForStatus(alice, ids, 'DELIVERED');
    const cookedOnce = delivered.every((o) => stepCounts(o).READY === 1 && stepCounts(o).DELIVERED === 1);
    for (const order of delivered) {
      const ready = order.timeline.find((e) => e.status === 'READY');
      const driver = order.timeline.find((e) => e.status === 'DELIVERED');
      say(`   ${order.orderId}: cooked by ${ready?.kitchenWorker}, delivered by ${driver?.driverName}`);
    }
    say(
      `5. All ${delivered.length} delivered, ${cookedOnce ? 'each cooked exactly once' : 'SOME COOKED TWICE'}.`,
    );
    return {
      placed: orders.length,
      waitingInQueue: depth.visible,
      cookedWhileOff,
      delivered: delivered.length,
      cookedOnce,
    };
  } finally {
    await kitchen.setEnabled(true);
  }
}

if (require.main === module) runAsScript(kitchenOffline);
