/*
 * Over 300 lines, not cut yet: this adapter holds the calendar table's keys and indexes (one file per table, as
 * the style asks) with the events, registrations and paging that read them. The cut, events and registrations
 * apart over one file of keys, is the same one the orders adapter got, and belongs with the one write path.
 */
import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OutgoingEvent } from '../../../events/define-event';
import { queryPages } from '../../../shared/storage/dynamodb';
import { commitWithOutbox } from '../../../shared/storage/outbox-commit';
import type { CalendarEvent, Registration } from '../domain/calendar-event';
import type { ListPosition } from '../domain/cursor';
import type { CalendarStore, UpcomingPage } from '../ports';

/** The sparse index of scheduled calendar events by start time: GET /events reads it, soonest first. */
export const UPCOMING_INDEX = 'upcoming';
export const UPCOMING_PK = 'upcomingPk';
export const UPCOMING_SK = 'upcomingSk';
const SCHEDULED = 'SCHEDULED';

const eventKey = (id: string) => ({ pk: `CEV#${id}`, sk: 'CEV' });
const registrationKey = (calendarEventId: string, userId: string) => ({
  pk: `CEV#${calendarEventId}`,
  sk: `REG#${userId}`,
});
const upcomingSk = (startsAt: string, id: string) => `${startsAt}#${id}`;

function eventItem(calendarEvent: CalendarEvent) {
  return {
    ...eventKey(calendarEvent.id),
    ...calendarEvent,
    ...(calendarEvent.status === 'SCHEDULED'
      ? { [UPCOMING_PK]: SCHEDULED, [UPCOMING_SK]: upcomingSk(calendarEvent.startsAt, calendarEvent.id) }
      : {}),
  };
}

function toCalendarEvent(item: Record<string, unknown>): CalendarEvent {
  return {
    id: String(item.id),
    name: String(item.name),
    description: String(item.description ?? ''),
    startsAt: String(item.startsAt),
    location: String(item.location),
    capacity: Number(item.capacity),
    registeredCount: Number(item.registeredCount ?? 0),
    organizerId: String(item.organizerId),
    status: item.status === 'CANCELLED' ? 'CANCELLED' : 'SCHEDULED',
    version: Number(item.version),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

function toRegistration(item: Record<string, unknown>): Registration {
  return {
    registrationId: String(item.registrationId),
    calendarEventId: String(item.calendarEventId),
    userId: String(item.userId),
    username: String(item.username),
    registeredAt: String(item.registeredAt),
  };
}

/** The calendar table: calendar events, their registrations (same partition), and the outbox. */
export class DynamoCalendarStore implements CalendarStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(calendarEvent: CalendarEvent, events: readonly OutgoingEvent[], now: Date): Promise<void> {
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: eventItem(calendarEvent),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
      events,
      now,
    );
    // The port has no answer for an id already taken: it stays an error.
    if (!commit.committed) throw commit.error;
  }

  async get(id: string): Promise<CalendarEvent | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: eventKey(id), ConsistentRead: true }),
    );
    return result.Item ? toCalendarEvent(result.Item) : undefined;
  }

  async update(
    calendarEvent: CalendarEvent,
    expectedVersion: number,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'updated' | 'conflict'> {
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Update: {
            TableName: this.tableName,
            Key: eventKey(calendarEvent.id),
            UpdateExpression:
              'SET #name = :name, description = :description, startsAt = :startsAt, #location = :location, ' +
              '#capacity = :capacity, version = :version, updatedAt = :updatedAt, #upk = :upk, #usk = :usk',
            ConditionExpression:
              'version = :expected AND #status = :scheduled AND registeredCount <= :capacity',
            ExpressionAttributeNames: {
              '#capacity': 'capacity',
              '#name': 'name',
              '#location': 'location',
              '#status': 'status',
              '#upk': UPCOMING_PK,
              '#usk': UPCOMING_SK,
            },
            ExpressionAttributeValues: {
              ':name': calendarEvent.name,
              ':description': calendarEvent.description,
              ':startsAt': calendarEvent.startsAt,
              ':location': calendarEvent.location,
              ':capacity': calendarEvent.capacity,
              ':version': calendarEvent.version,
              ':updatedAt': calendarEvent.updatedAt,
              ':upk': SCHEDULED,
              ':usk': upcomingSk(calendarEvent.startsAt, calendarEvent.id),
              ':expected': expectedVersion,
              ':scheduled': SCHEDULED,
            },
          },
        },
      ],
      events,
      now,
    );
    return commit.committed ? 'updated' : 'conflict';
  }

  async cancel(
    calendarEvent: CalendarEvent,
    expected: { version: number; registeredCount: number },
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'cancelled' | 'conflict'> {
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Update: {
            TableName: this.tableName,
            Key: eventKey(calendarEvent.id),
            UpdateExpression:
              'SET #status = :cancelled, version = :version, updatedAt = :updatedAt REMOVE #upk, #usk',
            ConditionExpression: 'version = :expected AND registeredCount = :count',
            ExpressionAttributeNames: { '#status': 'status', '#upk': UPCOMING_PK, '#usk': UPCOMING_SK },
            ExpressionAttributeValues: {
              ':cancelled': 'CANCELLED',
              ':version': calendarEvent.version,
              ':updatedAt': calendarEvent.updatedAt,
              ':expected': expected.version,
              ':count': expected.registeredCount,
            },
          },
        },
      ],
      events,
      now,
    );
    return commit.committed ? 'cancelled' : 'conflict';
  }

  async register(
    registration: Registration,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'registered' | 'already-registered' | 'full' | 'not-open'> {
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...registrationKey(registration.calendarEventId, registration.userId),
              ...registration,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: eventKey(registration.calendarEventId),
            UpdateExpression: 'SET registeredCount = registeredCount + :one',
            ConditionExpression: '#status = :scheduled AND registeredCount < #capacity',
            ExpressionAttributeNames: { '#status': 'status', '#capacity': 'capacity' },
            ExpressionAttributeValues: { ':one': 1, ':scheduled': SCHEDULED },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ],
      events,
      now,
    );
    if (commit.committed) return 'registered';
    const [registrationReason, countReason] = commit.reasons ?? [];
    if (registrationReason?.Code === 'ConditionalCheckFailed') return 'already-registered';
    if (countReason?.Code === 'ConditionalCheckFailed') {
      return countReason.Item?.status?.S === 'CANCELLED' ? 'not-open' : 'full';
    }
    // A target that gives no reasons: ask the state which it was.
    if (await this.registrationOf(registration.calendarEventId, registration.userId))
      return 'already-registered';
    const current = await this.get(registration.calendarEventId);
    return current?.status === 'SCHEDULED' ? 'full' : 'not-open';
  }

  async unregister(
    registration: Registration,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'unregistered' | 'not-registered'> {
    const commit = await commitWithOutbox(
      this.db,
      this.tableName,
      [
        {
          Delete: {
            TableName: this.tableName,
            Key: registrationKey(registration.calendarEventId, registration.userId),
            ConditionExpression: 'registrationId = :registrationId',
            ExpressionAttributeValues: { ':registrationId': registration.registrationId },
          },
        },
        {
          Update: {
            TableName: this.tableName,
            Key: eventKey(registration.calendarEventId),
            UpdateExpression: 'SET registeredCount = registeredCount - :one',
            ConditionExpression: 'registeredCount > :zero',
            ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
          },
        },
      ],
      events,
      now,
    );
    return commit.committed ? 'unregistered' : 'not-registered';
  }

  async registrationOf(calendarEventId: string, userId: string): Promise<Registration | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: registrationKey(calendarEventId, userId),
        ConsistentRead: true,
      }),
    );
    return result.Item ? toRegistration(result.Item) : undefined;
  }

  async registrations(calendarEventId: string): Promise<Registration[]> {
    const all: Registration[] = [];
    const pages = queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reg)',
      ExpressionAttributeValues: { ':pk': `CEV#${calendarEventId}`, ':reg': 'REG#' },
      ConsistentRead: true,
    });
    for await (const items of pages) all.push(...items.map(toRegistration));
    return all.sort((a, b) => a.registeredAt.localeCompare(b.registeredAt));
  }

  async upcoming(from: string, limit: number, after?: ListPosition): Promise<UpcomingPage> {
    // DynamoDB refuses a starting key outside the key condition ("outside query boundaries"): a cursor whose event
    // has started since its page was read is below `from`. Every event from `from` on follows it, so the query
    // starts at `from` without it and gives the same page.
    const start = after && upcomingSk(after.startsAt, after.id) >= from ? after : undefined;
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: UPCOMING_INDEX,
        KeyConditionExpression: '#upk = :scheduled AND #usk >= :from',
        ExpressionAttributeNames: { '#upk': UPCOMING_PK, '#usk': UPCOMING_SK },
        ExpressionAttributeValues: { ':scheduled': SCHEDULED, ':from': from },
        Limit: limit,
        ExclusiveStartKey: start
          ? {
              ...eventKey(start.id),
              [UPCOMING_PK]: SCHEDULED,
              [UPCOMING_SK]: upcomingSk(start.startsAt, start.id),
            }
          : undefined,
      }),
    );
    const items = (result.Items ?? []).map(toCalendarEvent);
    const last = items.at(-1);
    return {
      items,
      next: result.LastEvaluatedKey && last ? { startsAt: last.startsAt, id: last.id } : undefined,
    };
  }
}
