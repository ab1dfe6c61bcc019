import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
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
