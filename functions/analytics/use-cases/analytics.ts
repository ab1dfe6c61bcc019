import {
  type Actor,
  countsExpireAt,
  mayRead,
  summarize,
  type Track,
  type TrackType,
  takesTracks,
} from '../domain/track';
import type { AnalyticsStore, KnownEvents, TrackBuffer } from '../ports';

/** POST /track: an event analytics does not know (or that was cancelled) is refused; else buffered at once. */
export async function acceptTrack(
  deps: { buffer: TrackBuffer; events: KnownEvents; now: () => Date },
  input: { type: TrackType; calendarEventId: string; clientEventId: string; userId: string },
) {
  if (!takesTracks(await deps.events.eventOf(input.calendarEventId)))
    return { outcome: 'unknown-event' as const };
  const track: Track = { ...input, receivedAt: deps.now().toISOString() };
  await deps.buffer.enqueue(track);
  return { outcome: 'accepted' as const, track };
}

/** The aggregator: a user counted once per event and kind, however often they track or the queue delivers. */
export async function countTrack(deps: { store: AnalyticsStore }, track: Track) {
  return deps.store.countOnce(track);
}

/** event.created tells analytics that the event exists and who may read its counts. */
export async function recordOrganizer(
  deps: { store: AnalyticsStore },
  input: { calendarEventId: string; organizerId: string },
) {
  await deps.store.recordOrganizer(input.calendarEventId, input.organizerId);
}

/** event.cancelled ends the counting, and the counts expire some time later (domain/track.ts). */
export async function endCounts(
  deps: { store: AnalyticsStore },
  input: { calendarEventId: string; cancelledAt: string },
) {
  await deps.store.endCounts(input.calendarEventId, input.cancelledAt, countsExpireAt(input.cancelledAt));
}

/** GET /analytics/events/{id}: the counts per UTC day and type, for its organizer and admins. */
export async function readAnalytics(
  deps: { store: AnalyticsStore },
  input: { actor: Actor; calendarEventId: string },
) {
  const organizerId = (await deps.store.eventOf(input.calendarEventId))?.organizerId;
  if (!organizerId) return { outcome: 'not-found' as const };
  if (!mayRead(input.actor, organizerId)) return { outcome: 'forbidden' as const };
  return {
    outcome: 'read' as const,
    analytics: {
      eventId: input.calendarEventId,
      ...summarize(await deps.store.counts(input.calendarEventId)),
    },
  };
}
