/*
 * npm run delivery -- status | travel <ms> | travel default | sweep
 * Shows the drivers and what they are on (with the lease of their leg), sets how long each leg of a delivery
 * takes, or runs the delivery sweep now instead of waiting for its minute.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DRIVERS } from '../functions/delivery/domain/drivers';
import { checkTravelMs, DEFAULT_DELIVERY_SETTINGS } from '../functions/delivery/domain/legs';
import { SWEEP_INPUT } from '../functions/delivery/domain/sweep';
import { deliveryOperator } from './lib/delivery';
import { clientConfig, loadOutputs } from './lib/target';

const USAGE = 'usage: npm run delivery -- status | travel <ms> | travel default | sweep';

(async () => {
  const [command, value] = process.argv.slice(2);
  const delivery = deliveryOperator();
  if (command === 'travel' && value !== undefined) {
    const travelMs = value === 'default' ? DEFAULT_DELIVERY_SETTINGS.travelMs : checkTravelMs(Number(value));
    await delivery.updateSettings({ travelMs });
    console.log(`Each leg of a delivery now takes ${travelMs} ms.`);
    return;
  }
  if (command === 'status') {
    const { travelMs } = await delivery.settings();
    const drivers = await delivery.drivers();
    console.log(`Each leg takes ${travelMs} ms.`);
    if (drivers.length === 0) console.log(`Drivers: none seeded yet (${DRIVERS.length} on first order).`);
    for (const d of drivers) {
      const order = d.orderId ? await delivery.order(d.orderId) : undefined;
      const on = d.orderId
        ? `on ${d.orderId} (${order?.status ?? 'unknown'}${order?.leaseUntil ? `, lease until ${order.leaseUntil}` : ''})`
        : 'free';
      console.log(`  ${d.name.padEnd(16)} ${on} (${d.assignments} orders)`);
    }
    console.log(`Orders waiting for a driver: ${(await delivery.waiting(100)).length}`);
    return;
  }
  if (command === 'sweep') {
    const outputs = loadOutputs();
    const result = await new LambdaClient(clientConfig()).send(
      new InvokeCommand({
        FunctionName: outputs.DeliveryAdvanceFunctionName,
        Payload: Buffer.from(JSON.stringify(SWEEP_INPUT)),
      }),
    );
    const answer = Buffer.from(result.Payload ?? []).toString();
    if (result.FunctionError) throw new Error(`The sweep failed: ${answer}`);
    console.log(`Swept: ${answer}`);
    return;
  }
  console.error(USAGE);
  process.exit(2);
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
