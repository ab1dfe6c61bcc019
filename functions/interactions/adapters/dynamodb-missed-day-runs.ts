import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { TTL_ATTRIBUTE } from '../../../shared/messaging/outbox';
import { batchWrite, conditionHolds, queryPages } from '../../../shared/storage/dynamodb';
import type { MissedDayRun, PageOutcome, PageRecord, RosterPage, RunTrigger } from '../domain/missed-day-run';
import type { MissedDayRuns } from '../ports';

/** How long a run, its pages and the day's pointer to it are kept (the table's TTL). */
export const RUN_RETENTION_SECONDS = 30 * 24 * 3600;

const runPk = (runId: string) => `RUN#${runId}`;
const RUN_SK = 'RUN';
const PAGE_SK_PREFIX = 'PAGE#';
const pageSk = (page: number) => `${PAGE_SK_PREFIX}${String(page).padStart(7, '0')}`;
const currentRunKey = (dayKey: string) => ({ pk: `MISSED_DAY#${dayKey}`, sk: 'CURRENT_RUN' });
const expiresAfter = (from: string) => Math.floor(Date.parse(from) / 1000) + RUN_RETENTION_SECONDS;

function runOf(item: Record<string, unknown>): MissedDayRun {
  return {
    runId: String(item.runId),
    dayKey: String(item.dayKey),
    trigger: item.trigger as RunTrigger,
    startedAt: String(item.startedAt),
    ...(item.pagesTotal === undefined ? {} : { pagesTotal: Number(item.pagesTotal) }),
    ...(item.plannedAt === undefined ? {} : { plannedAt: String(item.plannedAt) }),
  };
}

function pageOf(item: Record<string, unknown>): PageRecord {
  return {
    page: Number(item.page),
    ...(item.after === undefined ? {} : { after: String(item.after) }),
    ...(item.last === undefined ? {} : { last: String(item.last) }),
    ...(item.judgedAt === undefined
      ? {}
      : {
          outcome: {
            playersChecked: Number(item.playersChecked),
            activePlayers: Number(item.activePlayers),
            missedPublished: Number(item.missedPublished),
            judgedAt: String(item.judgedAt),
          },
        }),
  };
}

/**
 * Missed-day runs in the interactions table: `RUN#<runId>` holds the run (sk `RUN`) and one item per page (sk
 * `PAGE#<n>`, its range and, once judged, its outcome); `MISSED_DAY#<day>` points to the day's latest run. The
 * totals are summed from the pages on read, so no page writes a shared counter.
 */
export class DynamoMissedDayRuns implements MissedDayRuns {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async currentRun(dayKey: string): Promise<MissedDayRun | undefined> {
    const pointer = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: currentRunKey(dayKey), ConsistentRead: true }),
    );
    return pointer.Item ? this.run(String(pointer.Item.runId)) : undefined;
  }

  async createRun(run: MissedDayRun, replacing: string | undefined): Promise<boolean> {
    const expiration = expiresAfter(run.startedAt);
    return conditionHolds(
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { pk: runPk(run.runId), sk: RUN_SK, ...run, [TTL_ATTRIBUTE]: expiration },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...currentRunKey(run.dayKey), runId: run.runId, [TTL_ATTRIBUTE]: expiration },
                ...(replacing === undefined
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'runId = :previous',
                      ExpressionAttributeValues: { ':previous': replacing },
                    }),
              },
            },
          ],
        }),
      ),
    );
  }

  async run(runId: string): Promise<MissedDayRun | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: runPk(runId), sk: RUN_SK },
        ConsistentRead: true,
      }),
    );
    return result.Item ? runOf(result.Item) : undefined;
  }

  async pages(runId: string): Promise<PageRecord[]> {
    const pages: PageRecord[] = [];
    const results = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': runPk(runId), ':prefix': PAGE_SK_PREFIX },
      ConsistentRead: true,
    });
    for await (const items of results) pages.push(...items.map(pageOf));
    return pages;
  }

  async page(runId: string, page: number): Promise<PageRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: runPk(runId), sk: pageSk(page) },
        ConsistentRead: true,
      }),
    );
    return result.Item ? pageOf(result.Item) : undefined;
  }

  async savePlan(runId: string, pages: readonly RosterPage[], now: Date): Promise<boolean> {
    const expiration = Math.floor(now.getTime() / 1000) + RUN_RETENTION_SECONDS;
    const requests = pages.map((page) => ({
      PutRequest: { Item: { pk: runPk(runId), sk: pageSk(page.page), ...page, [TTL_ATTRIBUTE]: expiration } },
    }));
    // A few batches in flight: a million players are 2,000 pages, 80 batches.
    await batchWrite(this.db, this.tableName, requests, 4);
    return conditionHolds(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: runPk(runId), sk: RUN_SK },
          UpdateExpression: 'SET pagesTotal = :total, plannedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(pagesTotal)',
          ExpressionAttributeValues: { ':total': pages.length, ':now': now.toISOString() },
        }),
      ),
    );
  }

  async recordPageOutcome(
    runId: string,
    page: number,
    outcome: PageOutcome,
  ): Promise<'recorded' | 'already-recorded'> {
    const recorded = await conditionHolds(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: runPk(runId), sk: pageSk(page) },
          UpdateExpression:
            'SET playersChecked = :checked, activePlayers = :active, missedPublished = :missed, judgedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(judgedAt)',
          ExpressionAttributeValues: {
            ':checked': outcome.playersChecked,
            ':active': outcome.activePlayers,
            ':missed': outcome.missedPublished,
            ':at': outcome.judgedAt,
          },
        }),
      ),
    );
    return recorded ? 'recorded' : 'already-recorded';
  }
}
