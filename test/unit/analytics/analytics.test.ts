import {
  countedKey,
  countsExpireAt,
  type KnownEvent,
  type Track,
} from '../../../functions/analytics/domain/track';
import type { KnownEvents, TrackBuffer } from '../../../functions/analytics/ports';
import { acceptTrack } from '../../../functions/analytics/use-cases/analytics';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const ID = `cev_${'a'.repeat(32)}`;
const input = { type: 'view' as const, calendarEventId: ID, clientEventId: 'c-00000001', userId: 'u1' };

function deps(known: Record<string, KnownEvent>) {
  const buffered: Track[] = [];
  const buffer: TrackBuffer = { enqueue: async (track) => void buffered.push(track) };
  const events: KnownEvents = { eventOf: async (id) => known[id] };
  return { deps: { buffer, events, now: () => NOW }, buffered };
}

describe('POST /track: acceptTrack', () => {
  test('buffers a track of an event that event.created announced', async () => {
    const { deps: d, buffered } = deps({ [ID]: { organizerId: 'org' } });

    const result = await acceptTrack(d, input);

    expect(result.outcome).toBe('accepted');
    expect(buffered).toEqual([{ ...input, receivedAt: NOW.toISOString() }]);
  });

  test('refuses, and buffers nothing, for an event analytics never heard of', async () => {
    const { deps: d, buffered } = deps({});

    const result = await acceptTrack(d, input);

    expect(result.outcome).toBe('unknown-event');
    expect(buffered).toEqual([]);
  });

  test('refuses, and buffers nothing, for a cancelled event', async () => {
    const { deps: d, buffered } = deps({ [ID]: { organizerId: 'org', cancelledAt: NOW.toISOString() } });

    const result = await acceptTrack(d, input);

    expect(result.outcome).toBe('unknown-event');
    expect(buffered).toEqual([]);
  });
});

describe('what is counted', () => {
  test('a user’s tracks of one kind share one key whatever their clientEventId; kinds and users do not', () => {
    const key = countedKey({ type: 'view', userId: 'u1' });

    expect(countedKey({ ...input, clientEventId: 'c-00000002' } as Track)).toBe(key);
    expect(countedKey({ type: 'click', userId: 'u1' })).not.toBe(key);
    expect(countedKey({ type: 'view', userId: 'u2' })).not.toBe(key);
  });

  test('a cancelled event’s counts expire 30 days after its cancellation (epoch seconds)', () => {
    expect(countsExpireAt('2026-12-01T09:00:00.000Z')).toBe(Date.parse('2026-12-31T09:00:00.000Z') / 1000);
  });
});
