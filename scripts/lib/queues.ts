import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
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
