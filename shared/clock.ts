import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The time every function reads. On AWS it is the system clock. On a local target deployed with the test clock
 * (`npm run clock`), it is the system clock plus an offset kept in the test-clock table, like a payment
 * provider's test clocks: a day can be ended, or three days lived, without waiting. Tokens and the emulator keep
 * real time.
 */
export interface Clock {
  now(): Date;
  /** Brings the offset up to date before an invocation's work (at most once a second); a no-op on AWS. */
  sync(): Promise<void>;
}

export const TEST_CLOCK_KEY = { pk: 'TEST_CLOCK', sk: 'TEST_CLOCK' } as const;
/** How long a read offset is trusted; `npm run clock` waits this long after a change. */
export const TEST_CLOCK_REFRESH_MS = 1_000;

export const systemClock: Clock = { now: () => new Date(), sync: async () => undefined };

/** The offset a test-clock item holds, read as its writer (scripts/lib/test-clock.ts) wrote it. */
export function offsetOf(item: Record<string, { N?: string }> | undefined): number {
  const value = Number(item?.offsetMs?.N ?? 0);
  return Number.isFinite(value) ? value : 0;
}

export function testClock(
  tableName: string,
  client: () => DynamoDBClient = () => new DynamoDBClient({}),
  systemNow: () => number = Date.now,
): Clock {
  let offsetMs = 0;
  let readAt = Number.NEGATIVE_INFINITY;
  return {
    now: () => new Date(systemNow() + offsetMs),
    async sync() {
      if (systemNow() - readAt < TEST_CLOCK_REFRESH_MS) return;
      const result = await client().send(
        new GetItemCommand({
          TableName: tableName,
          Key: { pk: { S: TEST_CLOCK_KEY.pk }, sk: { S: TEST_CLOCK_KEY.sk } },
          ConsistentRead: true,
        }),
      );
      offsetMs = offsetOf(result.Item as Record<string, { N?: string }> | undefined);
      readAt = systemNow();
    },
  };
}

/** The clock of a function: the test clock where the stack was deployed with one (TEST_CLOCK_TABLE), else the system's. */
export function functionClock(client?: () => DynamoDBClient): Clock {
  const table = process.env.TEST_CLOCK_TABLE;
  return table ? testClock(table, client) : systemClock;
}
