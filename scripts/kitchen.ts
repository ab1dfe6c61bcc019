/*
 * npm run kitchen -- off | on | status | fault on|off | prep <minMs> <maxMs>
 * Switches both kitchens (their event source mappings), breaks or repairs the oven, sets the preparation time,
 * and shows the kitchen's queue, its DLQ and how many orders each kitchen cooked.
 */
import { checkPrepRange, DEFAULT_KITCHEN_SETTINGS } from '../functions/kitchen/domain/kitchen';
import { kitchenOperator } from './lib/kitchen';
import { loadOutputs } from './lib/target';

const USAGE =
  'usage: npm run kitchen -- off | on | status | fault on|off | prep <minMs> <maxMs> | prep default';

async function status(operator: ReturnType<typeof kitchenOperator>, outputs: ReturnType<typeof loadOutputs>) {
  const settings = await operator.repository.settings();
  const queue = await operator.queueDepth(outputs.KitchenQueueUrl);
  const dlq = await operator.queueDepth(outputs.KitchenDlqUrl);
  console.log('Kitchens:');
  for (const s of await operator.states()) console.log(`  ${s.functionName}: ${s.state}`);
  console.log(
    `Preparation ${settings.prepMinMs}–${settings.prepMaxMs} ms; fault ${settings.fault ? 'ON' : 'off'}`,
  );
  console.log(`Kitchen queue: ${queue.visible} waiting, ${queue.inFlight} being cooked; DLQ: ${dlq.visible}`);
  const counts = await operator.repository.cookedCounts();
  const names = Object.keys(counts).sort();
  console.log(
    names.length === 0
      ? 'Cooked so far: nothing'
      : `Cooked so far: ${names.map((name) => `${name} ${counts[name]}`).join(', ')}`,
  );
}

(async () => {
  const [command, ...args] = process.argv.slice(2);
  const outputs = loadOutputs();
  const operator = kitchenOperator(outputs);
  switch (command) {
    case 'off':
    case 'on':
      await operator.setEnabled(command === 'on');
      console.log(`Both kitchens are ${command === 'on' ? 'taking orders again' : 'switched off'}.`);
      await status(operator, outputs);
      return;
    case 'status':
      await status(operator, outputs);
      return;
    case 'fault': {
      if (args[0] !== 'on' && args[0] !== 'off') break;
      await operator.repository.updateSettings({ fault: args[0] === 'on' });
      console.log(
        args[0] === 'on'
          ? 'Fault ON: every order now fails, is retried and ends in the kitchen DLQ.'
          : 'Fault cleared. Move dead-lettered orders back with: npm run redrive -- kitchen',
      );
      return;
    }
    case 'prep': {
      const range =
        args[0] === 'default'
          ? { prepMinMs: DEFAULT_KITCHEN_SETTINGS.prepMinMs, prepMaxMs: DEFAULT_KITCHEN_SETTINGS.prepMaxMs }
          : checkPrepRange(Number(args[0]), Number(args[1] ?? args[0]));
      await operator.repository.updateSettings(range);
      console.log(`Preparation now takes ${range.prepMinMs}–${range.prepMaxMs} ms.`);
      return;
    }
  }
  console.error(USAGE);
  process.exit(2);
})().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
