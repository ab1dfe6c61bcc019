import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../events/define-event';
import { outboxPuts } from '../messaging/outbox';
import { type CancellationReason, cancellationReasons, isConditionFailure } from './dynamodb';

/** One item of a TransactWriteItems call (Put, Update, Delete or ConditionCheck), as the document client takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * What a commit answers. Not committed: a condition failed (a duplicate, a lost race, a stale version), which is
 * an answer, not an error; `reasons` says which item's, where the target says, indexed as the state items were
 * given (they come first); `error` is the target's own, for a caller to whom a failed condition is an error.
 */
export type Commit =
  | { committed: true }
  | { committed: false; reasons: CancellationReason[] | undefined; error: unknown };

/**
 * Saves a state change and the events it causes in one transaction (ADR 7): the state items, with their
 * conditions, then one outbox put per event. Either all of it is written or none. Every error but a failed
 * condition is thrown.
 */
export async function commitWithOutbox(
  db: DynamoDBDocumentClient,
  tableName: string,
  stateItems: readonly TransactItem[],
  events: readonly OutgoingEvent[],
  now: Date,
): Promise<Commit> {
  const command = new TransactWriteCommand({
    TransactItems: [...stateItems, ...outboxPuts(tableName, events, now)],
  });
  try {
    await db.send(command);
    return { committed: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { committed: false, reasons: cancellationReasons(error), error };
  }
}
