/*
 * npm run delivery -- status | travel <ms> | travel default
 * Shows the drivers and what they are on, or sets how long each leg of a delivery takes.
 */
import { checkTravelMs, DEFAULT_DELIVERY_SETTINGS, DRIVERS } from '../functions/delivery/domain/delivery';
import { deliveryOperator } from './lib/delivery';

const USAGE = 'usage: npm run delivery -- status | travel <ms> | travel default';

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
      console.log(
        `  ${d.name.padEnd(16)} ${d.orderId ? `on ${d.orderId}` : 'free'} (${d.assignments} orders)`,
      );
    }
    console.log(`Orders waiting for a driver: ${(await delivery.waiting(100)).length}`);
    return;
  }
  console.error(USAGE);
  process.exit(2);
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
