import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { EventDefinition } from '../../../../events/define-event';

type Item = Record<string, AttributeValue>;

/** Real SDK clients (Powertools checks for one) whose `send` never leaves the process. */
const offlineConfig = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/**
 * The idempotency table in memory: the four calls Powertools' DynamoDBPersistenceLayer makes, with the
 * condition it puts on PutItem (the key is free, or its record expired, or its in-progress lock expired).
 */
export function inMemoryIdempotencyTable() {
  const items = new Map<string, Item>();
  const keyOf = (key: Item | undefined) => JSON.stringify(key ?? {});
  const name = (names: Record<string, string> | undefined, placeholder: string) =>
    names?.[placeholder] ?? placeholder;

  const mayPut = (existing: Item | undefined, input: PutItemCommand['input']): boolean => {
    if (!existing) return true;
    const names = input.ExpressionAttributeNames;
    const values = input.ExpressionAttributeValues ?? {};
    const number = (value: AttributeValue | undefined) =>
      value?.N === undefined ? undefined : Number(value.N);
    const expiry = number(existing[name(names, '#expiry')]);
    const inProgressExpiry = number(existing[name(names, '#in_progress_expiry')]);
    const status = existing[name(names, '#status')]?.S;
    const recordExpired = expiry !== undefined && expiry < Number(values[':now']?.N);
    const lockExpired =
      status === values[':inprogress']?.S &&
      inProgressExpiry !== undefined &&
      inProgressExpiry < Number(values[':now_in_millis']?.N);
    return recordExpired || lockExpired;
  };

  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof PutItemCommand) {
      const { input } = command;
      const item = input.Item ?? {};
      const key = keyOf({ pk: item.pk!, sk: item.sk! });
      const existing = items.get(key);
      if (!mayPut(existing, input)) {
        throw new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: {},
          Item: existing,
        });
      }
      items.set(key, { ...item });
      return {};
    }
    if (command instanceof GetItemCommand) {
      const item = items.get(keyOf(command.input.Key));
      return item ? { Item: { ...item } } : {};
    }
    if (command instanceof UpdateItemCommand) {
      const { input } = command;
      const key = keyOf(input.Key);
      const item: Item = { ...(items.get(key) ?? input.Key ?? {}) };
      const assignments = (input.UpdateExpression ?? '').replace(/^SET\s+/, '').split(/\s*,\s*/);
      for (const assignment of assignments) {
        const [attribute, value] = assignment.split(/\s*=\s*/) as [string, string];
        item[name(input.ExpressionAttributeNames, attribute)] = input.ExpressionAttributeValues![value]!;
      }
      items.set(key, item);
      return {};
    }
    if (command instanceof DeleteItemCommand) {
      items.delete(keyOf(command.input.Key));
      return {};
    }
    throw new Error(`the in-memory idempotency table does not know ${String(command)}`);
  };

  const client = new DynamoDBClient(offlineConfig);
  client.send = send as DynamoDBClient['send'];
  return { client, items };
}

export const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:pets-events';
export const DLQ_ARN = 'arn:aws:sqs:us-east-1:000000000000:pets-events-dlq';
export const urlOf = (arn: string) => `https://sqs.us-east-1.amazonaws.com/000000000000/${arn.split(':')[5]}`;

/**
 * SQS as the consumer uses it: queue URL lookups, a shorter visibility timeout for a failed record, and the
 * work queue's redrive policy and a send to its DLQ for a poison record (without `deadLetterQueue`, the queue
 * has no redrive policy).
 */
export function recordingSqs(options: { deadLetterQueue?: boolean } = {}) {
  const visibilityChanges: ChangeMessageVisibilityCommand['input'][] = [];
  const sent: SendMessageCommand['input'][] = [];
  const send = async (command: unknown): Promise<unknown> => {
    if (command instanceof GetQueueUrlCommand) {
      return { QueueUrl: `https://sqs.us-east-1.amazonaws.com/000000000000/${command.input.QueueName}` };
    }
    if (command instanceof ChangeMessageVisibilityCommand) {
      visibilityChanges.push(command.input);
      return {};
    }
    if (command instanceof GetQueueAttributesCommand) {
      const withDlq = options.deadLetterQueue ?? true;
      const policy = JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 10 });
      return {
        Attributes: withDlq && command.input.QueueUrl === urlOf(QUEUE_ARN) ? { RedrivePolicy: policy } : {},
      };
    }
    if (command instanceof SendMessageCommand) {
      sent.push(command.input);
      return { MessageId: randomUUID() };
    }
    throw new Error(`the recording SQS client does not know ${String(command)}`);
  };
  const client = new SQSClient(offlineConfig);
  client.send = send as SQSClient['send'];
  return { client, visibilityChanges, sent };
}

/** An SQS record carrying a bus event, as an EventBridge rule delivers it to its target queue. */
export function busRecord(
  definition: EventDefinition,
  detail: unknown,
  options: { receiveCount?: number } = {},
): SQSRecord {
  const messageId = randomUUID();
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: JSON.stringify({
      version: '0',
      id: randomUUID(),
      'detail-type': definition.detailType,
      source: definition.source,
      account: '000000000000',
      time: '2026-11-22T08:15:01Z',
      region: 'us-east-1',
      resources: [],
      detail,
    }),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '1795335301000',
      SenderId: 'AIDAEVENTBRIDGE',
      ApproximateFirstReceiveTimestamp: '1795335301000',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'us-east-1',
  };
}

/** A promise the test resolves by hand: holds a handler in the middle of its work. */
export function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
