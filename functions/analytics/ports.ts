import type { DayCount, KnownEvent, Track } from './domain/track';

/** Where POST /track puts a track before answering 202 (a queue; the aggregator drains it). */
export interface TrackBuffer {
  enqueue(track: Track): Promise<void>;
}

/** What analytics learned of a calendar event from the bus; undefined before event.created (or after expiry). */
export interface KnownEvents {
  eventOf(calendarEventId: string): Promise<KnownEvent | undefined>;
}

export interface AnalyticsStore extends KnownEvents {
  /**
   * Counts the track if its user has none of its kind counted for the event yet and the event takes tracks
   * (domain/track.ts `takesTracks`): a marker and the day's counter + 1, in one transaction with that check.
   */
  countOnce(track: Track): Promise<'counted' | 'duplicate' | 'not-taking-tracks'>;
  counts(calendarEventId: string): Promise<DayCount[]>;
  recordOrganizer(calendarEventId: string, organizerId: string): Promise<void>;
  /** Marks the event cancelled (no more counting), then gives everything kept of it the expiry `expiresAt`. */
  endCounts(calendarEventId: string, cancelledAt: string, expiresAt: number): Promise<void>;
}
