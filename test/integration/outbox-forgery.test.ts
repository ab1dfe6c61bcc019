import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { orderPlaced } from '../../events';
import { outgoing } from '../../events/define-event';
import { clientConfig } from '../../scripts/lib/target';
import { outboxItem } from '../../shared/messaging/outbox';
import { eventually, outputs, sqs } from '../support/platform';

jest.setTimeout(90_000);

const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
const { schemaVersion: _, ...placed } = orderPlaced.example;

/** Takes the undeliverable queue's message about `eventId` off the queue, if it is there yet. */
async function takeRefusal(eventId: string): Promise<Message | undefined> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: outputs.UndeliverableEventsDlqUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 5,
      MessageAttributeNames: ['All'],
    }),
  );
  const found = Messages.find((m) => m.MessageAttributes?.eventId?.StringValue === eventId);
  if (found) {
    await sqs.send(
      new DeleteMessageCommand({
        QueueUrl: outputs.UndeliverableEventsDlqUrl,
        ReceiptHandle: found.ReceiptHandle!,
      }),
    );
  }
  return found;
}

describe('an outbox item of an event its table’s service does not own', () => {
  test('lands in the undeliverable-events queue with the reason, and leaves the outbox', async () => {
    // Prepare: the pets table's outbox gets an order.placed, as a pets function that forged one would write it.
    const eventId = `forged-${randomUUID()}`;
    const item = outboxItem(outgoing(orderPlaced, { ...placed, eventId }), new Date());

    // Act: the table's stream feeds the relay.
    await db.send(new PutCommand({ TableName: outputs.PetsTableName, Item: item }));

    // Assess: the relay refused it into the undeliverable queue, and removed it from the outbox.
    const refusal = await eventually(() => takeRefusal(eventId), {
      what: `the refusal of ${eventId} in the undeliverable-events queue`,
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    expect(JSON.parse(refusal.Body!)).toEqual({
      refusedOutboxItem: item,
      tableName: outputs.PetsTableName,
      reason: `table ${outputs.PetsTableName} does not own the source ${orderPlaced.source}`,
    });
    await eventually(
      async () =>
        !(
          await db.send(
            new GetCommand({ TableName: outputs.PetsTableName, Key: { pk: item.pk, sk: item.sk } }),
          )
        ).Item,
      { what: 'the refused item removed from the outbox' },
    );
  });
});
