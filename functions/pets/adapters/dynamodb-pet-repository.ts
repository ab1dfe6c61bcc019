import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { cancellationCodes, isConditionFailure, queryPages } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import { orderKey, type Pet, type PetEvent } from '../domain/pet';
import type { PetRepository, SaveOutcome } from '../ports';

const petKey = (userId: string) => ({ pk: `PET#${userId}`, sk: 'STATE' });
const eventKey = (userId: string, event: PetEvent) => ({
  pk: `PET#${userId}`,
  sk: `EVENT#${orderKey(event)}`,
});

function toPet(item: Record<string, unknown>): Pet {
  // Items written before the outbox carry adoptionPublished; it means nothing now.
  const { pk: _pk, sk: _sk, adoptionPublished: _gone, ...pet } = item;
  return pet as unknown as Pet;
}

/**
 * The pets table: one STATE item per pet (with a version for optimistic locking), one item per applied event,
 * and the outbox.
 */
export class DynamoPetRepository implements PetRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(userId: string): Promise<Pet | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: petKey(userId), ConsistentRead: true }),
    );
    return result.Item ? toPet(result.Item) : undefined;
  }

  async adopt(pet: Pet, events: readonly OutgoingEvent[], now: Date): Promise<'adopted' | 'exists'> {
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...petKey(pet.userId), ...pet },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      events,
      now,
    );
    return commit.committed ? 'adopted' : 'exists';
  }

  async rename(userId: string, name: string, now: Date): Promise<Pet> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: petKey(userId),
        UpdateExpression: 'SET #name = :name, updatedAt = :now, version = version + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': name, ':now': now.toISOString(), ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toPet(result.Attributes ?? {});
  }

  async events(userId: string): Promise<PetEvent[]> {
    const events: PetEvent[] = [];
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `PET#${userId}`, ':prefix': 'EVENT#' },
      ConsistentRead: true,
    });
    for await (const items of pages) for (const item of items) events.push(item.event as PetEvent);
    return events;
  }

  /**
   * One transaction: the event item exists at most once (a duplicate delivery changes nothing) and the state is
   * written only over the version it was computed from (ADR 2).
   */
  async saveApplied(before: Pet, after: Pet, event: PetEvent, now: Date): Promise<SaveOutcome> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...eventKey(before.userId, event), event, appliedAt: now.toISOString() },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...petKey(before.userId),
                  ...after,
                  version: before.version + 1,
                  updatedAt: now.toISOString(),
                },
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': before.version },
              },
            },
          ],
        }),
      );
      return 'applied';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed') return 'duplicate';
      if (codes?.[1] === 'ConditionalCheckFailed') return 'conflict';
      // The target did not say which condition failed: look.
      const existing = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: eventKey(before.userId, event),
          ConsistentRead: true,
        }),
      );
      return existing.Item ? 'duplicate' : 'conflict';
    }
  }
}
