import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { OUTPUTS } from '../../infra/names';
import { clientConfig, type StackOutputs } from './target';

/** One alarm notification as it left the alarm topic (the SNS envelope around CloudWatch's JSON). */
export interface AlarmNotification {
  alarmName: string;
  newState: string;
  oldState: string;
  reason: string;
  description: string;
  at: string;
}

export function notificationFrom(message: Message): AlarmNotification {
  const envelope = JSON.parse(message.Body ?? '{}') as { Message?: string; Timestamp?: string };
  const alarm = JSON.parse(envelope.Message ?? message.Body ?? '{}') as Record<string, string>;
  return {
    alarmName: alarm.AlarmName ?? '?',
    newState: alarm.NewStateValue ?? '?',
    oldState: alarm.OldStateValue ?? '?',
    reason: alarm.NewStateReason ?? '',
    description: alarm.AlarmDescription ?? '',
    at: alarm.StateChangeTime ?? envelope.Timestamp ?? '',
  };
}

/**
 * The notifications waiting in the alarm inbox (the topic's queue subscription). `take` deletes what it read, as
 * reading a mail does; otherwise they stay for the next reader.
 */
export async function readAlarmInbox(
  outputs: StackOutputs,
  options: { take?: boolean; sqs?: SQSClient } = {},
): Promise<AlarmNotification[]> {
  const sqs = options.sqs ?? new SQSClient(clientConfig());
  const QueueUrl = outputs[OUTPUTS.alarmInboxQueueUrl];
  const read: AlarmNotification[] = [];
  const seen = new Set<string>();
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        // A peek leaves them visible to the next reader at once.
        VisibilityTimeout: options.take ? 30 : 0,
      }),
    );
    const fresh = Messages.filter((m) => !seen.has(m.MessageId!));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      seen.add(message.MessageId!);
      read.push(notificationFrom(message));
    }
    if (options.take) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl,
          Entries: fresh.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
  }
  return read.sort((a, b) => a.at.localeCompare(b.at));
}

export interface QueueReading {
  /** The stack output key (PetsDlqUrl, MissedDayFailuresQueueUrl, ...). */
  name: string;
  kind: 'work' | 'dead letters';
  visible: number;
  inFlight: number;
  delayed: number;
}

const isDeadLetters = (key: string) => /Dlq|Failures|Undeliverable/.test(key);

/**
 * Every queue of the stack with what its alarm would read on AWS: ApproximateNumberOfMessagesVisible for the
 * DLQs and failure queues (≥ 1 raises the alarm). MiniStack publishes no AWS/SQS metrics, so locally this is the
 * only way to see what the DLQ alarms watch.
 */
export async function readQueues(
  outputs: StackOutputs,
  sqs = new SQSClient(clientConfig()),
): Promise<QueueReading[]> {
  const keys = Object.keys(outputs)
    .filter((key) => /(QueueUrl|DlqUrl)$/.test(key) && key !== OUTPUTS.alarmInboxQueueUrl)
    .sort();
  return Promise.all(
    keys.map(async (name) => {
      const attributes =
        (
          await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: outputs[name as keyof StackOutputs],
              AttributeNames: [
                'ApproximateNumberOfMessages',
                'ApproximateNumberOfMessagesNotVisible',
                'ApproximateNumberOfMessagesDelayed',
              ],
            }),
          )
        ).Attributes ?? {};
      return {
        name,
        kind: isDeadLetters(name) ? 'dead letters' : 'work',
        visible: Number(attributes.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
        delayed: Number(attributes.ApproximateNumberOfMessagesDelayed ?? 0),
      } satisfies QueueReading;
    }),
  );
}

export async function readAlarmStates(
  cloudwatch = new CloudWatchClient(clientConfig()),
): Promise<MetricAlarm[]> {
  const alarms: MetricAlarm[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cloudwatch.send(new DescribeAlarmsCommand({ NextToken, MaxRecords: 100 }));
    alarms.push(...(page.MetricAlarms ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return alarms;
}
