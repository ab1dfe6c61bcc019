import type { DayCount, Track } from './domain/track';

/** Where POST /track puts a track before answering 202 (a queue; the aggregator drains it). */
export interface TrackBuffer {
  enqueue(track: Track): Promise<void>;
}

export interface AnalyticsStore {
  /** Counts the track once: a marker for its dedup key and the day's counter + 1, in one transaction. */
  countOnce(track: Track): Promise<'counted' | 'duplicate'>;
  counts(calendarEventId: string): Promise<DayCount[]>;
  organizerOf(calendarEventId: string): Promise<string | undefined>;
  recordOrganizer(calendarEventId: string, organizerId: string): Promise<void>;
}
