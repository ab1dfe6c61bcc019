import { type AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

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
