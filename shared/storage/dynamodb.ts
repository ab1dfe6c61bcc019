import { type AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { inLanes } from '../in-lanes';

/** One client per cold start; the SDK takes the endpoint from AWS_ENDPOINT_URL where an emulator sets it. */
export function createDynamoDb(client: DynamoDBClient = new DynamoDBClient({})) {
  return {
    client,
    doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
  };
}

/** An item without its table keys: what the adapters hand to the domain. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException';
}

/**
 * Runs a conditional write and answers whether its conditions held: a failed condition is an answer (a
 * duplicate, a lost race, a stale version), not an error. Every other error is thrown.
 */
export async function conditionHolds(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Why a cancelled transaction's items failed, one reason per item in the order they were given: `Code` is
 * 'ConditionalCheckFailed' for an item whose condition failed, `Item` its old value (raw attribute values) where
 * it asked for ALL_OLD on a failed condition.
 */
export interface CancellationReason {
  Code?: string;
  Item?: Record<string, AttributeValue>;
}

/** For a cancelled transaction: each item's reason, where the target says. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  return (error as { CancellationReasons?: CancellationReason[] })?.CancellationReasons;
}

/** For a cancelled transaction: which of its items failed their condition, where the target says. */
export function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  return cancellationReasons(error)?.map((r) => r.Code);
}

/** Every page of a query, one at a time, following LastEvaluatedKey: memory holds one page. */
export async function* queryPages(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    if (page.Items && page.Items.length > 0) yield page.Items;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

const BATCH_WRITE_MAX = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

/**
 * Writes the requests (PutRequest or DeleteRequest items) 25 to a call, `inFlight` calls at once, and sends the
 * items a call leaves unprocessed again with a growing wait, at most 8 rounds; then it throws.
 */
export async function batchWrite(
  db: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly Record<string, unknown>[],
  inFlight = 1,
): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < requests.length; start += BATCH_WRITE_MAX) {
    chunks.push(requests.slice(start, start + BATCH_WRITE_MAX));
  }
  await inLanes(chunks, inFlight, async (chunk) => {
    let pending = chunk;
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_UNPROCESSED_ROUNDS) throw new Error(`${pending.length} writes left unprocessed`);
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** round));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
  });
}
