import type {
  EventBridgeClient,
  PutEventsCommand,
  PutEventsRequestEntry,
  PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import { type EventInput, interactionMissed } from '../../../../events';
import { createEventPublisher } from '../../../../shared/messaging/event-publisher';

type MissedInput = EventInput<typeof interactionMissed>;

const missedFor = (userId: string): MissedInput => ({
  eventId: `missed#${userId}#2026-11-22`,
  correlationId: 'missed-day-job#2026-11-22',
  userId,
  dayKey: '2026-11-22',
  detectedAt: '2026-11-23T00:05:00.000Z',
});

const players = (count: number) => Array.from({ length: count }, (_, i) => missedFor(`user-${i}`));

/**
 * A stand-in for the EventBridge client: it records the entries of every PutEvents call and answers with what
 * `failFor` says about each entry (an error code, or nothing for success). It isolates this one adapter from AWS.
 */
function fakeEventBridge(
  failFor: (entry: PutEventsRequestEntry, call: number) => string | undefined = () => undefined,
) {
  const calls: PutEventsRequestEntry[][] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push(entries);
      const results: PutEventsResultEntry[] = entries.map((entry) => {
        const errorCode = failFor(entry, calls.length);
        return errorCode
          ? { ErrorCode: errorCode, ErrorMessage: 'try again' }
          : { EventId: `id-${calls.length}` };
      });
      return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
    },
  };
  return { client: client as unknown as EventBridgeClient, calls };
}

const userIdOf = (entry: PutEventsRequestEntry) =>
  (JSON.parse(entry.Detail ?? '{}') as { userId: string }).userId;

describe('createEventPublisher', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('puts an event on the named bus with the source and detail type of its contract', async () => {
    const bus = fakeEventBridge();
    const publisher = createEventPublisher('pet-game-bus', bus.client);

    await publisher.publish(interactionMissed, missedFor('ana'));

    expect(bus.calls[0]?.[0]).toMatchObject({
      EventBusName: 'pet-game-bus',
      Source: 'petgame.interactions',
      DetailType: 'interaction.missed',
    });
  });

  test('adds the contract’s schemaVersion to the detail', async () => {
    const bus = fakeEventBridge();
    const publisher = createEventPublisher('pet-game-bus', bus.client);

    await publisher.publish(interactionMissed, missedFor('ana'));

    expect(JSON.parse(bus.calls[0]?.[0]?.Detail ?? '{}')).toEqual({ ...missedFor('ana'), schemaVersion: 1 });
  });

  test('refuses a detail that breaks its contract and sends nothing', async () => {
    const bus = fakeEventBridge();
    const publisher = createEventPublisher('pet-game-bus', bus.client);
    const broken = { ...missedFor('ana'), dayKey: '22/11/2026' };

    await expect(publisher.publish(interactionMissed, broken)).rejects.toThrow(
      'interaction.missed does not match its contract',
    );
    expect(bus.calls).toEqual([]);
  });

  test('refuses a batch with one broken detail before sending any of it', async () => {
    const bus = fakeEventBridge();
    const publisher = createEventPublisher('pet-game-bus', bus.client);
    const details = players(25);
    details[17] = { ...missedFor('user-17'), unexpected: 'field' } as MissedInput;

    await expect(publisher.publish(interactionMissed, details)).rejects.toThrow(
      'does not match its contract',
    );
    expect(bus.calls).toEqual([]);
  });

  test('sends nothing for an empty list', async () => {
    const bus = fakeEventBridge();
    const publisher = createEventPublisher('pet-game-bus', bus.client);

    await publisher.publish(interactionMissed, []);

    expect(bus.calls).toEqual([]);
  });

  test('puts at most ten entries in a call', async () => {
    const bus = fakeEventBridge();
    const publisher = createEventPublisher('pet-game-bus', bus.client);

    await publisher.publish(interactionMissed, players(25));

    expect(bus.calls.map((entries) => entries.length).sort((a, b) => b - a)).toEqual([10, 10, 5]);
  });

  test('sends every event exactly once when nothing fails', async () => {
    const bus = fakeEventBridge();
    const publisher = createEventPublisher('pet-game-bus', bus.client);

    await publisher.publish(interactionMissed, players(47));

    const sent = bus.calls.flat().map(userIdOf);
    expect(new Set(sent).size).toBe(47);
    expect(sent).toHaveLength(47);
  });

  test('retries only the entries that failed', async () => {
    jest.useFakeTimers();
    const throttledOnce = new Set(['user-3', 'user-7']);
    const bus = fakeEventBridge((entry, call) =>
      call === 1 && throttledOnce.has(userIdOf(entry)) ? 'ThrottlingException' : undefined,
    );
    const publisher = createEventPublisher('pet-game-bus', bus.client);

    const done = publisher.publish(interactionMissed, players(10));
    await jest.runAllTimersAsync();
    await done;

    expect(bus.calls.map((entries) => entries.map(userIdOf))).toEqual([
      players(10).map((p) => p.userId),
      ['user-3', 'user-7'],
    ]);
  });

  test('gives up and throws after repeated failures, naming the error', async () => {
    jest.useFakeTimers();
    const bus = fakeEventBridge((entry) => (userIdOf(entry) === 'user-2' ? 'InternalFailure' : undefined));
    const publisher = createEventPublisher('pet-game-bus', bus.client);

    const done = publisher.publish(interactionMissed, players(3));
    const outcome = expect(done).rejects.toThrow(
      'PutEvents failed for 1 entries after 4 attempts: InternalFailure',
    );
    await jest.runAllTimersAsync();
    await outcome;

    expect(bus.calls.map((entries) => entries.length)).toEqual([3, 1, 1, 1]);
  });

  test('waits longer before each retry', async () => {
    jest.useFakeTimers();
    const bus = fakeEventBridge((_entry, call) => (call <= 2 ? 'ThrottlingException' : undefined));
    const publisher = createEventPublisher('pet-game-bus', bus.client);

    const done = publisher.publish(interactionMissed, players(1));
    await jest.advanceTimersByTimeAsync(99);
    const beforeFirstBackoff = bus.calls.length;
    await jest.advanceTimersByTimeAsync(1);
    const afterFirstBackoff = bus.calls.length;
    await jest.advanceTimersByTimeAsync(199);
    const beforeSecondBackoff = bus.calls.length;
    await jest.advanceTimersByTimeAsync(1);
    await done;

    expect([beforeFirstBackoff, afterFirstBackoff, beforeSecondBackoff, bus.calls.length]).toEqual([
      1, 2, 2, 3,
    ]);
  });

  test('lets an error of the client itself reach the caller', async () => {
    const client = {
      send: async () => {
        throw new Error('AccessDeniedException');
      },
    } as unknown as EventBridgeClient;
    const publisher = createEventPublisher('pet-game-bus', client);

    await expect(publisher.publish(interactionMissed, missedFor('ana'))).rejects.toThrow(
      'AccessDeniedException',
    );
  });
});
