import * as z from 'zod';
import { GROUPS } from '../../../shared/identity';
import { dayKeyOf } from '../../../shared/time';

export const TRACK_TYPES = ['view', 'click', 'share'] as const;
export type TrackType = (typeof TRACK_TYPES)[number];

/** A calendar event's id as the calendar gives them out. */
const calendarEventId = z.string().regex(/^cev_[0-9a-f]{32}$/, 'expected a calendar event id (cev_…)');

/** GET /analytics/events/{id}: an id that cannot exist is a 404 without a read (a long one is no table key). */
export const analyticsPath = z.object({ id: calendarEventId });

/** One interaction a client reports: POST /track. */
export const trackBody = z
  .object({
    type: z.enum(TRACK_TYPES),
    eventId: calendarEventId,
    clientEventId: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'expected 8–64 of A-Za-z0-9_.:-'),
  })
  .strict();

/** A track as buffered: who sent it and when it arrived (its UTC day is where it is counted, if it counts). */
export interface Track {
  type: TrackType;
  calendarEventId: string;
  clientEventId: string;
  userId: string;
  receivedAt: string;
}

export const trackMessage = z.object({
  type: z.enum(TRACK_TYPES),
  calendarEventId: z.string().min(1),
  clientEventId: z.string().min(1),
  userId: z.string().min(1),
  receivedAt: z.iso.datetime(),
});

/**
 * What is counted: distinct users per calendar event and kind. A user's first view (click, share) of an event
 * counts, on the UTC day it arrived; their repeats never do, whatever `clientEventId` they send, so no caller can
 * inflate a count but by signing up more users.
 */
export const countedKey = (track: Pick<Track, 'type' | 'userId'>) => `${track.type}#${track.userId}`;

/** What analytics knows of a calendar event, from the calendar's bus events (it never reads the calendar's table). */
export interface KnownEvent {
  /** From event.created: who may read its counts. */
  organizerId?: string;
  /** From event.cancelled. */
  cancelledAt?: string;
}

/** Tracks are taken for an event that event.created announced and event.cancelled has not ended. */
export const takesTracks = (event: KnownEvent | undefined) =>
  event?.organizerId !== undefined && event.cancelledAt === undefined;

/** A cancelled event's counts stay readable this long, then expire with everything analytics kept of it. */
export const CANCELLED_RETENTION_DAYS = 30;

/** When a cancelled event's counts expire: epoch seconds, as a DynamoDB TTL. */
export const countsExpireAt = (cancelledAt: string) =>
  Math.floor(Date.parse(cancelledAt) / 1000) + CANCELLED_RETENTION_DAYS * 86_400;

export const dayOf = (track: Pick<Track, 'receivedAt'>) => dayKeyOf(new Date(track.receivedAt));

export interface DayCount {
  day: string;
  type: TrackType;
  count: number;
}

/** Per-day rows and totals, days in order. */
export function summarize(rows: readonly DayCount[]) {
  const empty = () => ({ view: 0, click: 0, share: 0 });
  const totals = empty();
  const byDay = new Map<string, ReturnType<typeof empty>>();
  for (const row of rows) {
    totals[row.type] += row.count;
    const day = byDay.get(row.day) ?? empty();
    day[row.type] += row.count;
    byDay.set(row.day, day);
  }
  return {
    totals,
    days: [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, counts]) => ({ day, ...counts })),
  };
}

export interface Actor {
  userId: string;
  groups: readonly string[];
}

/** A calendar event's counts are for its organizer and admins. */
export const mayRead = (actor: Actor, organizerId: string) =>
  actor.groups.includes(GROUPS.admins) || actor.userId === organizerId;
