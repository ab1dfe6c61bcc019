import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { clientConfig } from './target';

let client: SQSClient | undefined;

/** Messages waiting in a queue and messages being handled (received, not yet deleted or back). */
export async function queueDepth(queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  client ??= new SQSClient(clientConfig());
  const attributes =
    (
      await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      )
    ).Attributes ?? {};
  return {
    visible: Number(attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

/**
 * Takes every message off a queue (several receivers at once) and hands each to `onMessage`, deleting them as it
 * goes; it stops after three empty receives in a row per receiver, or at the deadline (then `timedOut`).
 */
export async function drainQueue(
  queueUrl: string,
  onMessage: (message: Message) => void,
  options: { receivers?: number; deadlineMs?: number; sqs?: SQSClient } = {},
): Promise<{ received: number; timedOut: boolean }> {
  client ??= new SQSClient(clientConfig());
  const sqs = options.sqs ?? client;
  const deadline = Date.now() + (options.deadlineMs ?? 300_000);
  let received = 0;
  let timedOut = false;
  const receiver = async () => {
    let emptyReceives = 0;
    while (emptyReceives < 3) {
      if (Date.now() > deadline) {
        timedOut = true;
        return;
      }
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      if (Messages.length === 0) {
        emptyReceives++;
        continue;
      }
      emptyReceives = 0;
      received += Messages.length;
      for (const message of Messages) onMessage(message);
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: options.receivers ?? 4 }, receiver));
  return { received, timedOut };
}

/**
 * Makes the queue dead-letter after `maxReceiveCount` receives and returns what restores its redrive policy
 * (idempotent). The deployed queues give a failing message 10 tries over 7–14 minutes of backoff (ADR 5); a test
 * or a demo that wants to see a message reach the DLQ lowers it to 3, whose first two backoffs take 3–6 seconds.
 */
export async function lowerMaxReceiveCount(
  queueUrl: string,
  maxReceiveCount: number,
): Promise<() => Promise<void>> {
  client ??= new SQSClient(clientConfig());
  const sqs = client;
  const current = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }))
  ).Attributes?.RedrivePolicy;
  if (!current) throw new Error(`${queueUrl} has no redrive policy`);
  const policy = JSON.parse(current) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
  const setCount = async (count: number) => {
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queueUrl,
        Attributes: { RedrivePolicy: JSON.stringify({ ...policy, maxReceiveCount: count }) },
      }),
    );
  };
  await setCount(maxReceiveCount);
  let restored = false;
  return async () => {
    if (restored) return;
    restored = true;
    await setCount(Number(policy.maxReceiveCount));
  };
}

/** Runs `work` while the queue dead-letters after `maxReceiveCount` receives (lowerMaxReceiveCount), then restores it. */
export async function withMaxReceiveCount<T>(
  queueUrl: string,
  maxReceiveCount: number,
  work: () => Promise<T>,
): Promise<T> {
  const restore = await lowerMaxReceiveCount(queueUrl, maxReceiveCount);
  try {
    return await work();
  } finally {
    await restore();
  }
}
