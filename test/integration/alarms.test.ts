import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CloudWatchClient, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { readAlarmInbox, readQueues } from '../../scripts/lib/alarms';
import { clientConfig, REPO_ROOT } from '../../scripts/lib/target';
import { eventually, outputs, sqs } from '../support/platform';

jest.setTimeout(90_000);

const cloudwatch = new CloudWatchClient(clientConfig());
const lambda = new LambdaClient(clientConfig());
const run = promisify(execFile);

async function alarmNamed(fragment: string): Promise<string> {
  // Every page: the stack has more alarms than one DescribeAlarms answer holds.
  let nextToken: string | undefined;
  do {
    const page = await cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 100, NextToken: nextToken }));
    const found = page.MetricAlarms?.find((a) => a.AlarmName?.includes(fragment));
    if (found?.AlarmName) return found.AlarmName;
    nextToken = page.NextToken;
  } while (nextToken);
  throw new Error(`no alarm named like ${fragment}`);
}

describe('alarms reach someone', () => {
  test('an alarm that goes off reaches the alarm inbox, and npm run alarms prints it', async () => {
    const alarmName = await alarmNamed('UndeliverableEventsAlarm');
    await cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: alarmName,
        StateValue: 'ALARM',
        StateReason: 'alarms.test fired it',
      }),
    );
    try {
      const notification = await eventually(
        async () =>
          (await readAlarmInbox(outputs)).find((n) => n.alarmName === alarmName && n.newState === 'ALARM'),
        { what: 'the notification in the alarm inbox' },
      );
      expect(notification.reason).toBe('alarms.test fired it');

      const { stdout } = await run('npx', ['tsx', 'scripts/alarms.ts'], { cwd: REPO_ROOT, env: process.env });

      expect(stdout).toContain(`${alarmName}: `);
      expect(stdout).toContain('→ ALARM');
      expect(await readAlarmInbox(outputs)).toEqual([]);
    } finally {
      await cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: alarmName,
          StateValue: 'OK',
          StateReason: 'alarms.test reset it',
        }),
      );
      await readAlarmInbox(outputs, { take: true });
    }
  });

  test('a missed-day run that fails its retries lands in its alarmed failure queue, which npm run alarms counts', async () => {
    const failures = outputs.MissedDayFailuresQueueUrl;
    const before = (await readQueues(outputs)).find((q) => q.name === 'MissedDayFailuresQueueUrl')!.visible;

    await lambda.send(
      new InvokeCommand({
        FunctionName: outputs.MissedDayJobFunctionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ day: 'not-a-day' })),
      }),
    );

    const failed = await eventually(
      async () => {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: failures, MaxNumberOfMessages: 10, VisibilityTimeout: 2 }),
        );
        return Messages.find((m) => m.Body?.includes('not-a-day'));
      },
      { what: 'the failed run in the failure queue', timeoutMs: 60_000, intervalMs: 1000 },
    );
    const record = JSON.parse(failed.Body!) as {
      requestPayload: unknown;
      requestContext?: { condition?: string };
    };
    expect(record.requestPayload).toEqual({ day: 'not-a-day' });
    const reading = await eventually(
      async () => {
        const q = (await readQueues(outputs)).find((q) => q.name === 'MissedDayFailuresQueueUrl')!;
        return q.visible > before ? q : undefined;
      },
      { what: 'the failure counted' },
    );
    expect(reading.kind).toBe('dead letters');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: failures, ReceiptHandle: failed.ReceiptHandle! }));
  });
});
