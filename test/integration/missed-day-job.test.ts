import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { missedDayPageDue } from '../../events/missed-day';
import { activeKey, rosterKey } from '../../functions/interactions/adapters/keys';
import { pageMessageId, runCorrelationId } from '../../functions/interactions/domain/missed-day-run';
import { ROSTER_PAGE_SIZE } from '../../functions/interactions/use-cases/plan-missed-day-run';
import { missedDayRun, runMissedDay } from '../../scripts/lib/missed-day';
import { drainQueue } from '../../scripts/lib/queues';
import { queuesSettled } from '../../scripts/lib/queues-settled';
import { clientConfig } from '../../scripts/lib/target';
import { eventually, outputs, sqs } from '../support/platform';

jest.setTimeout(180_000);

const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()));
const lambda = new LambdaClient(clientConfig());
const DAY = '2000-06-01';
const PLAYERS = ROSTER_PAGE_SIZE * 2 + 100; // three pages
const ACTIVE = 100;

async function writeAll(items: Record<string, unknown>[], remove = false) {
  for (let i = 0; i < items.length; i += 25) {
    const chunk = items.slice(i, i + 25);
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [outputs.InteractionsTableName]: chunk.map((item) =>
            remove
              ? { DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }
              : { PutRequest: { Item: item } },
          ),
        },
      }),
    );
  }
}

async function setPetsConsumer(enabled: boolean) {
  const mapping = (
    await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: outputs.PetsConsumerFunctionName }))
  ).EventSourceMappings![0]!;
  await lambda.send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID!, Enabled: enabled }));
  await eventually(
    async () =>
      (await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID! }))).State ===
      (enabled ? 'Enabled' : 'Disabled'),
    { what: `pets consumer ${enabled ? 'enabled' : 'disabled'}` },
  );
}

/** Takes every message off the pets queue and returns the event ids of the day's interaction.missed events. */
async function drainMissedIds(): Promise<string[]> {
  const ids: string[] = [];
  await drainQueue(outputs.PetsQueueUrl, (message) => {
    const event = JSON.parse(message.Body!) as {
      'detail-type': string;
      detail: { eventId: string; dayKey: string };
    };
    if (event['detail-type'] === 'interaction.missed' && event.detail.dayKey === DAY)
      ids.push(event.detail.eventId);
  });
  return ids;
}

async function outboxItems(): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: outputs.InteractionsTableName,
        FilterExpression: 'begins_with(pk, :outbox)',
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#' },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

describe('the missed-day job over more than a thousand players', () => {
  const run = randomUUID().slice(0, 8);
  const userIds = Array.from({ length: PLAYERS }, (_, i) => `bulk-${run}-${String(i).padStart(5, '0')}`);
  const roster = userIds.map((userId) => ({ ...rosterKey(userId), userId, adoptedDay: '2000-01-01' }));
  const active = userIds.slice(0, ACTIVE).map((userId) => ({ ...activeKey(DAY, userId), userId }));

  beforeAll(async () => {
    await setPetsConsumer(false);
    await writeAll([...roster, ...active]);
  });

  afterAll(async () => {
    await writeAll([...roster, ...active], true);
    await drainMissedIds();
    await setPetsConsumer(true);
  });

  test('pages through the roster and publishes one interaction.missed per inactive player, with deterministic ids', async () => {
    const report = await runMissedDay(DAY);
    expect(report.missedPublished).toBe(PLAYERS - ACTIVE);
    expect(report.activePlayers).toBe(ACTIVE);
    expect(report.playersChecked).toBeGreaterThanOrEqual(PLAYERS);
    expect(report.rosterPages).toBeGreaterThanOrEqual(3);

    const ids = await drainMissedIds();
    const expected = userIds.slice(ACTIVE).map((userId) => `missed#${userId}#${DAY}`);
    expect(ids.sort()).toEqual(expected.sort());
  });

  test('a second run for the same day publishes the very same ids, so consumers penalise once', async () => {
    const report = await runMissedDay(DAY);
    const ids = await drainMissedIds();
    expect(report.missedPublished).toBe(PLAYERS - ACTIVE);
    expect(new Set(ids)).toEqual(new Set(userIds.slice(ACTIVE).map((userId) => `missed#${userId}#${DAY}`)));
  });

  test('a replayed page message (the same, or one the idempotency record forgot) changes no total and publishes nothing', async () => {
    const report = await runMissedDay(DAY);
    await drainMissedIds();
    const replay = (eventId: string) =>
      sqs.send(
        new SendMessageCommand({
          QueueUrl: outputs.MissedDayQueueUrl,
          MessageBody: JSON.stringify({
            source: missedDayPageDue.source,
            'detail-type': missedDayPageDue.detailType,
            detail: {
              eventId,
              correlationId: runCorrelationId(report.runId),
              runId: report.runId,
              dayKey: DAY,
              page: 1,
              schemaVersion: missedDayPageDue.version,
            },
          }),
        }),
      );

    await replay(pageMessageId(report.runId, 1));
    await replay(`${pageMessageId(report.runId, 1)}#replayed-${run}`);
    await queuesSettled([outputs.MissedDayQueueUrl]);

    const after = await missedDayRun(report.runId);
    expect(after).toMatchObject({
      status: 'finished',
      pagesDone: report.pagesDone,
      playersChecked: report.playersChecked,
      missedPublished: report.missedPublished,
    });
    // Whatever a replay put in the outbox has been relayed to the bus (and so to the pets queue) once it is empty.
    await eventually(async () => (await outboxItems()) === 0, { what: 'the outbox relayed' });
    expect(await drainMissedIds()).toEqual([]);
  });
});
