import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { offsetOf, TEST_CLOCK_KEY, TEST_CLOCK_REFRESH_MS } from '../../shared/clock';
import { clientConfig, currentTarget, loadOutputs, type StackOutputs, type Target } from './target';

const UNITS_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** '1d', '25h', '90m', '30s', '1d12h': a duration in milliseconds; anything else is refused. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new Error(`'${text}' is not a duration: use e.g. 1d, 25h, 90m, 30s or 1d12h`);
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS_MS[unit!]!, 0);
}

export interface TestClockStatus {
  offsetMs: number;
  now: Date;
}

/** The test clock of a deployed local stack, as `npm run clock` and the tests drive it. */
export function testClockOf(target: Target = currentTarget(), outputs: StackOutputs = loadOutputs(target)) {
  if (target.kind === 'aws')
    throw new Error('The test clock exists only on local targets; AWS keeps real time.');
  const tableName = outputs.TestClockTableName;
  if (!tableName) {
    throw new Error('This stack was deployed without the test clock (TEST_CLOCK=off): redeploy with it on.');
  }
  const db = new DynamoDBClient(clientConfig(target));
  const key = { pk: { S: TEST_CLOCK_KEY.pk }, sk: { S: TEST_CLOCK_KEY.sk } };
  const read = async (): Promise<number> =>
    offsetOf(
      (await db.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item as
        | Record<string, { N?: string }>
        | undefined,
    );
  const write = async (offsetMs: number): Promise<TestClockStatus> => {
    if (offsetMs === 0) await db.send(new DeleteItemCommand({ TableName: tableName, Key: key }));
    else {
      await db.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { ...key, offsetMs: { N: String(Math.round(offsetMs)) } },
        }),
      );
    }
    // Functions trust the offset they read for a second: after that every one of them sees the new time.
    await new Promise((resolve) => setTimeout(resolve, TEST_CLOCK_REFRESH_MS + 200));
    return { offsetMs, now: new Date(Date.now() + offsetMs) };
  };
  return {
    async status(): Promise<TestClockStatus> {
      const offsetMs = await read();
      return { offsetMs, now: new Date(Date.now() + offsetMs) };
    },
    set: (at: Date) => write(at.getTime() - Date.now()),
    advance: async (ms: number) => write((await read()) + ms),
    reset: () => write(0),
  };
}
