/*
 * npm run alarms [-- --keep]
 * What the alarms would tell someone: the notifications that reached the alarm topic (read from its inbox queue
 * and removed, unless --keep), the alarms' states, and every queue's depth with the DLQs and failure queues that
 * hold something (what the DLQ alarms read on AWS; MiniStack evaluates alarms only on PutMetricData or
 * PutMetricAlarm, publishes no AWS/SQS metrics and parses no EMF, so locally they stay INSUFFICIENT_DATA).
 */
import { readAlarmInbox, readAlarmStates, readQueues } from './lib/alarms';
import { currentTarget, loadOutputs } from './lib/target';

(async () => {
  const keep = process.argv.includes('--keep');
  const outputs = loadOutputs();
  const target = currentTarget();

  const notifications = await readAlarmInbox(outputs, { take: !keep });
  console.log(`Alarm notifications: ${notifications.length}${keep ? ' (kept in the inbox)' : ''}`);
  for (const n of notifications) {
    console.log(`  ${n.at}  ${n.alarmName}: ${n.oldState} → ${n.newState}`);
    if (n.reason) console.log(`      ${n.reason}`);
    if (n.description) console.log(`      ${n.description}`);
  }

  const alarms = await readAlarmStates();
  const byState = new Map<string, string[]>();
  for (const alarm of alarms) {
    const state = alarm.StateValue ?? 'UNKNOWN';
    byState.set(state, [...(byState.get(state) ?? []), alarm.AlarmName ?? '?']);
  }
  console.log(
    `\nAlarms: ${alarms.length} (${[...byState].map(([state, names]) => `${names.length} ${state}`).join(', ')})`,
  );
  for (const name of byState.get('ALARM') ?? []) console.log(`  ALARM  ${name}`);
  if (target.kind !== 'aws') {
    console.log(
      `  ${target.kind} evaluates an alarm only on PutMetricData/PutMetricAlarm, parses no EMF and publishes no AWS/SQS\n` +
        '  metrics, so these stay INSUFFICIENT_DATA; the queues below are what the DLQ alarms would read.',
    );
  }

  const queues = await readQueues(outputs);
  console.log('\nQueues (visible / in flight / delayed):');
  for (const q of queues) {
    const flag = q.kind === 'dead letters' && q.visible > 0 ? '  ← its alarm would fire' : '';
    console.log(
      `  ${q.name.padEnd(30)} ${String(q.visible).padStart(5)} / ${q.inFlight} / ${q.delayed}${flag}`,
    );
  }
  const firing = queues.filter((q) => q.kind === 'dead letters' && q.visible > 0);
  console.log(
    firing.length === 0
      ? '\nNo DLQ or failure queue holds anything.'
      : `\n${firing.length} DLQ/failure queue(s) hold messages: inspect them, fix the cause, then npm run redrive.`,
  );
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
