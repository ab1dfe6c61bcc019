import { LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import { clientConfig } from '../../scripts/lib/target';
import { eventually, outputs, sqs } from '../support/platform';

jest.setTimeout(180_000);

const lambda = new LambdaClient(clientConfig());
/** Two bodies no consumer can read: not JSON at all, and JSON cut off in the middle. */
const GARBAGE = ['this is not JSON', '{"truncated":'];

const urlOfArn = async (arn: string) => {
  const [, , , , account, name] = arn.split(':');
  const { QueueUrl } = await sqs.send(
    new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }),
  );
  return QueueUrl!;
};

interface ConsumerQueue {
  queueUrl: string;
  dlqUrl: string | undefined;
}

/** Every queue a function consumes, as deployed (its event source mappings), with the DLQ its redrive policy names. */
async function consumerQueues(): Promise<ConsumerQueue[]> {
  const arns = new Set<string>();
  let marker: string | undefined;
  do {
    const page = await lambda.send(new ListEventSourceMappingsCommand({ Marker: marker }));
    for (const mapping of page.EventSourceMappings ?? []) {
      if (mapping.EventSourceArn?.startsWith('arn:aws:sqs:')) arns.add(mapping.EventSourceArn);
    }
    marker = page.NextMarker;
  } while (marker);
  return Promise.all(
    [...arns].sort().map(async (arn) => {
      const queueUrl = await urlOfArn(arn);
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }),
      );
      const policy = Attributes?.RedrivePolicy;
      const dlqArn = policy
        ? (JSON.parse(policy) as { deadLetterTargetArn: string }).deadLetterTargetArn
        : '';
      return { queueUrl, dlqUrl: dlqArn ? await urlOfArn(dlqArn) : undefined };
    }),
  );
}

const attribute = (message: Message, name: string) => message.MessageAttributes?.[name]?.StringValue;

describe('a body that is not JSON, sent to any consumer queue', () => {
  let queues: ConsumerQueue[];

  beforeAll(async () => {
    queues = await consumerQueues();
  });

  test('every consumer queue of the stacks is found, and each has a DLQ', () => {
    // The queues the stacks publish a work queue and a DLQ for must all be among the consumed ones.
    const published = Object.entries(outputs)
      .filter(([key]) => key.endsWith('QueueUrl') && `${key.slice(0, -'QueueUrl'.length)}DlqUrl` in outputs)
      .map(([, url]) => url);
    expect(published.length).toBeGreaterThanOrEqual(5);
    const found = queues.map((q) => q.queueUrl);
    for (const url of published)
      expect({ url, consumed: found.includes(url) }).toEqual({ url, consumed: true });
    for (const queue of queues)
      expect(queue).toEqual({ queueUrl: queue.queueUrl, dlqUrl: expect.any(String) });
  });

  test('goes to its DLQ on the first receive, with the reason, instead of minutes of retries', async () => {
    // Prepare: two garbage bodies on every consumer queue.
    const sent = (
      await Promise.all(
        queues.map(async (queue) =>
          Promise.all(
            GARBAGE.map(async (body) => {
              const { MessageId } = await sqs.send(
                new SendMessageCommand({ QueueUrl: queue.queueUrl, MessageBody: body }),
              );
              return { ...queue, body, messageId: MessageId! };
            }),
          ),
        ),
      )
    ).flat();

    // Act: the consumers receive them; collect each copy from its DLQ (a DLQ is empty but for them).
    const arrived = new Map<string, Message>();
    const dlqs = [...new Set(sent.map((s) => s.dlqUrl!))];
    await eventually(
      async () => {
        await Promise.all(
          dlqs.map(async (dlqUrl) => {
            const { Messages = [] } = await sqs.send(
              new ReceiveMessageCommand({
                QueueUrl: dlqUrl,
                MaxNumberOfMessages: 10,
                VisibilityTimeout: 5,
                MessageAttributeNames: ['All'],
              }),
            );
            for (const message of Messages) {
              const source = attribute(message, 'sourceMessageId') ?? message.MessageId!;
              if (!sent.some((s) => s.messageId === source)) continue;
              arrived.set(source, message);
              await sqs.send(
                new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: message.ReceiptHandle! }),
              );
            }
          }),
        );
        return arrived.size === sent.length;
      },
      {
        what: `${sent.length} garbage bodies in their DLQs`,
        // Far below the retry path's 7-14 minutes: only the poison path gets a body there in time.
        timeoutMs: 120_000,
        intervalMs: 1_000,
      },
    ).catch((error: Error) => {
      const missing = sent.filter((s) => !arrived.has(s.messageId)).map((s) => s.queueUrl.split('/').pop());
      throw new Error(`${error.message}; still missing from: ${[...new Set(missing)].join(', ')}`);
    });

    // Assess: each copy is the body as sent, dead-lettered by its consumer on the message's first receive.
    for (const message of sent) {
      const copy = arrived.get(message.messageId)!;
      expect({
        queue: message.queueUrl,
        body: copy.Body,
        receiveCount: attribute(copy, 'receiveCount'),
        reason: attribute(copy, 'deadLetterReason'),
      }).toEqual({
        queue: message.queueUrl,
        body: message.body,
        receiveCount: '1',
        reason: expect.stringMatching(/not JSON/),
      });
    }
  });
});
