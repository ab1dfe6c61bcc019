import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCalendarStore } from '../../../functions/calendar/adapters/dynamodb-calendar-store';
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
