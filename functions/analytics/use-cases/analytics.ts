import { type Actor, mayRead, summarize, type Track, type TrackType } from '../domain/track';
import type { AnalyticsStore, TrackBuffer } from '../ports';

/** POST /track: buffered at once; counting happens later, off the request. */
export async function acceptTrack(
  deps: { buffer: TrackBuffer; now: () => Date },
  input: { type: TrackType; calendarEventId: string; clientEventId: string; userId: string },
) {
  const track: Track = { ...input, receivedAt: deps.now().toISOString() };
  await deps.buffer.enqueue(track);
  return track;
}

/** The aggregator: one track counted at most once, however often the queue delivers it. */
export async function countTrack(deps: { store: AnalyticsStore }, track: Track) {
  return deps.store.countOnce(track);
}

/** event.created tells analytics who may read a calendar event's counts. */
export async function recordOrganizer(
  deps: { store: AnalyticsStore },
  input: { calendarEventId: string; organizerId: string },
) {
  await deps.store.recordOrganizer(input.calendarEventId, input.organizerId);
}

/** GET /analytics/events/{id}: the counts per UTC day and type, for its organizer and admins. */
export async function readAnalytics(
  deps: { store: AnalyticsStore },
  input: { actor: Actor; calendarEventId: string },
) {
  const organizerId = await deps.store.organizerOf(input.calendarEventId);
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
