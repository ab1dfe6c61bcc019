import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  DynamoCalendarStore,
  UPCOMING_SK,
} from '../../../functions/calendar/adapters/dynamodb-calendar-store';
import type { Registration } from '../../../functions/calendar/domain/calendar-event';
import { fakeDocumentClient } from '../shared/storage/fake-document-client';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const TABLE = 'calendar-table';
const registration: Registration = {
  registrationId: 'reg-1',
  calendarEventId: 'cev-1',
  userId: 'u1',
  username: 'u1',
  registeredAt: NOW.toISOString(),
};

const cancelled = (reasons: { Code: string; Item?: Record<string, unknown> }[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: reasons as TransactionCanceledException['CancellationReasons'],
  });

/** A store whose transaction fails with `failure`; its reads find what `items` holds by sort key. */
function storeFailingWith(failure: Error, items: Record<string, Record<string, unknown>> = {}) {
  const { db, sent } = fakeDocumentClient((command) => {
    if (command instanceof TransactWriteCommand) throw failure;
    if (command instanceof GetCommand) return { Item: items[String(command.input.Key?.sk)] };
    throw new Error('unexpected command');
  });
  return { store: new DynamoCalendarStore(db, TABLE), sent };
}

describe('DynamoCalendarStore.register', () => {
  test('registers in one transaction: the registration, the count over its condition', async () => {
    const { db, sent } = fakeDocumentClient(() => ({}));

    const outcome = await new DynamoCalendarStore(db, TABLE).register(registration, [], NOW);

    expect(outcome).toBe('registered');
    const items = (sent[0] as TransactWriteCommand).input.TransactItems;
    expect(items).toHaveLength(2);
    expect(items?.[0]?.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items?.[1]?.Update?.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });

  test('answers already-registered when the registration condition failed', async () => {
    const { store } = storeFailingWith(cancelled([{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }]));

    await expect(store.register(registration, [], NOW)).resolves.toBe('already-registered');
  });

  test('answers not-open when the count condition failed on a cancelled event', async () => {
    const { store } = storeFailingWith(
      cancelled([{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { status: { S: 'CANCELLED' } } }]),
    );

    await expect(store.register(registration, [], NOW)).resolves.toBe('not-open');
  });

  test('answers full when the count condition failed on a scheduled event', async () => {
    const { store } = storeFailingWith(
      cancelled([{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { status: { S: 'SCHEDULED' } } }]),
    );

    await expect(store.register(registration, [], NOW)).resolves.toBe('full');
  });

  test('without reasons, asks the state: a registration there means already-registered', async () => {
    const { store, sent } = storeFailingWith(
      new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }),
      { 'REG#u1': { ...registration } },
    );

    await expect(store.register(registration, [], NOW)).resolves.toBe('already-registered');
    expect(sent.filter((c) => c instanceof GetCommand)).toHaveLength(1);
  });

  test('without reasons, asks the state: no registration and a scheduled event means full', async () => {
    const { store } = storeFailingWith(
      new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }),
      {
        CEV: { id: 'cev-1', status: 'SCHEDULED', capacity: 1, version: 1 },
      },
    );

    await expect(store.register(registration, [], NOW)).resolves.toBe('full');
  });
});

/**
 * The upcoming index as DynamoDB serves it: items past `:from` and past the starting key, in order, `Limit` at a
 * time; and a starting key the key condition does not hold for is refused, as DynamoDB does (MiniStack too, with
 * other words: docs/emulator-facts.md).
 */
function upcomingIndex(events: { id: string; startsAt: string }[]) {
  const items = events
    .map((e) => ({ ...e, [UPCOMING_SK]: `${e.startsAt}#${e.id}` }))
    .sort((a, b) => a[UPCOMING_SK].localeCompare(b[UPCOMING_SK]));
  return fakeDocumentClient((command) => {
    if (!(command instanceof QueryCommand)) throw new Error('unexpected command');
    const from = String(command.input.ExpressionAttributeValues?.[':from']);
    const start = command.input.ExclusiveStartKey?.[UPCOMING_SK] as string | undefined;
    if (start !== undefined && !(start >= from)) {
      throw new DynamoDBServiceException({
        name: 'ValidationException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'The provided starting key is outside query boundaries based on provided conditions',
      });
    }
    const matching = items.filter(
      (i) => i[UPCOMING_SK] >= from && (start === undefined || i[UPCOMING_SK] > start),
    );
    const page = matching.slice(0, command.input.Limit);
    const last = page.at(-1);
    return {
      Items: page,
      LastEvaluatedKey:
        last && matching.length > page.length ? { [UPCOMING_SK]: last[UPCOMING_SK] } : undefined,
    };
  });
}

describe('DynamoCalendarStore.upcoming', () => {
  const at = (iso: string, n: number) => ({ startsAt: iso, id: `cev_${String(n).repeat(32)}` });
  const started = at('2026-12-01T08:00:00.000Z', 1);
  const soon = at('2026-12-01T10:00:00.000Z', 2);
  const later = at('2026-12-02T10:00:00.000Z', 3);

  test('a cursor whose event has started since gives the events from now on, not a refused starting key', async () => {
    const { db } = upcomingIndex([started, soon, later]);

    const page = await new DynamoCalendarStore(db, TABLE).upcoming(NOW.toISOString(), 10, started);

    expect(page.items.map((e) => e.id)).toEqual([soon.id, later.id]);
    expect(page.next).toBeUndefined();
  });

  test('a cursor still in range starts the page after its event', async () => {
    const { db, sent } = upcomingIndex([started, soon, later]);
    const store = new DynamoCalendarStore(db, TABLE);

    const first = await store.upcoming(NOW.toISOString(), 1);
    const second = await store.upcoming(NOW.toISOString(), 1, first.next);

    expect(first.items.map((e) => e.id)).toEqual([soon.id]);
    expect(second.items.map((e) => e.id)).toEqual([later.id]);
    expect((sent[1] as QueryCommand).input.ExclusiveStartKey?.[UPCOMING_SK]).toBe(
      `${soon.startsAt}#${soon.id}`,
    );
  });
});
