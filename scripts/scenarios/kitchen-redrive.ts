/*
 * Scenario 4, the SQS redrive demo (npm run scenario:redrive). The oven breaks (a kitchen fault switched on):
 * orders fail, are retried with a growing delay and land in the kitchen's DLQ, where the alarm's metric shows
 * them. The fault is fixed, `npm run redrive -- kitchen` moves them back, and every order is cooked exactly once.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { readAlarmStates } from '../lib/alarms';
import { eventually } from '../lib/eventually';
import { kitchenOperator } from '../lib/kitchen';
import { lowerMaxReceiveCount } from '../lib/queues';
import { type RedriveResult, redrive } from '../lib/redrive';
import { clientConfig, loadOutputs } from '../lib/target';
import { customer, placeOrders, runAsScript, type Say, stepCounts, waitForStatus } from './pizza-scenario';

export interface KitchenRedriveReport {
  placed: number;
  deadLettered: number;
  alarmMetric: string | undefined;
  redrive: RedriveResult;
  delivered: number;
  cookedOnce: boolean;
}

export async function kitchenRedrive(say: Say, count = 3): Promise<KitchenRedriveReport> {
  const outputs = loadOutputs();
  const kitchen = kitchenOperator(outputs);
  say('Scenario 4: the oven breaks, orders are dead-lettered and redriven');
  say('==================================================================');
  const alice = await customer('alice');
  const dlqBefore = (await kitchen.queueDepth(outputs.KitchenDlqUrl)).visible;

  await kitchen.repository.updateSettings({ fault: true });
  // Deployed, a failing order is tried 10 times over 7–14 minutes (ADR 5); the demo shows the DLQ after 3 tries.
  const restoreRedrive = await lowerMaxReceiveCount(outputs.KitchenQueueUrl, 3);
  try {
    say(
      '1. The oven breaks (npm run kitchen -- fault on). For the demo the kitchen queue gives up after 3 tries',
    );
    say('   instead of 10, which take 7 to 14 minutes of growing, jittered waits.');
    const orders = await placeOrders(alice, count, 'redrive');
    const ids = orders.map((o) => o.orderId);
    say(
      `2. Alice orders ${count} pizzas; they are paid. The kitchen fails on each, tries again after 1–2 s and 2–4 s,`,
    );
    say('   and after the third failure SQS moves the message to the kitchen DLQ.');
    const dlq = await eventually(
      async () => {
        const d = await kitchen.queueDepth(outputs.KitchenDlqUrl);
        return d.visible >= dlqBefore + count ? d : undefined;
      },
      { what: 'the orders in the kitchen DLQ', timeoutMs: 90_000, intervalMs: 1000 },
    );
    const dlqName = outputs.KitchenDlqUrl.split('/').pop()!;
    const alarms = await readAlarmStates();
    const alarm = alarms.find(
      (a) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        a.Dimensions?.some((d) => d.Value === dlqName),
    );
    const alarmMetric = alarm ? `${alarm.Namespace}/${alarm.MetricName} ≥ ${alarm.Threshold}` : undefined;
    say(
      `3. The kitchen DLQ holds ${dlq.visible} messages. Its alarm (${alarm?.AlarmName ?? 'none found'}) watches`,
    );
    say(
      `   ${alarmMetric ?? '?'} of that queue: on AWS it fires now; the emulator publishes no SQS metrics.`,
    );

    say('4. The oven is repaired (npm run kitchen -- fault off), then: npm run redrive -- kitchen');
    await kitchen.repository.updateSettings({ fault: false });
    await restoreRedrive();
    const result = await redrive(new SQSClient(clientConfig()), {
      dlqUrl: outputs.KitchenDlqUrl,
      queueUrl: outputs.KitchenQueueUrl,
    });
    say(`   Moved ${result.moved} of ${result.found} messages back to the kitchen queue (${result.method}).`);

    const delivered = await waitForStatus(alice, ids, 'DELIVERED');
    const cookedOnce = delivered.every((o) => stepCounts(o).READY === 1);
    say(
      `5. All ${delivered.length} orders delivered, ${cookedOnce ? 'each cooked exactly once' : 'SOME COOKED TWICE'}.`,
    );
    return {
      placed: count,
      deadLettered: dlq.visible - dlqBefore,
      alarmMetric,
      redrive: result,
      delivered: delivered.length,
      cookedOnce,
    };
  } finally {
    await kitchen.repository.updateSettings({ fault: false });
    await restoreRedrive();
  }
}

if (require.main === module) runAsScript((say) => kitchenRedrive(say));
