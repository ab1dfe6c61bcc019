import * as z from 'zod';
import { atLeastOneField, typedText } from '../../../shared/http/body-fields';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../../shared/http/errors';
import { zodProblems } from '../../../shared/http/parse-body';
import { pagingCursor } from '../../../shared/paging-cursor';
import { MAX_CAPACITY } from '../domain/calendar-event';
import { decodeCursor, type ListPosition } from '../domain/cursor';

/** The first instant a time can no longer be written as YYYY-MM-DDT…Z (toISOString turns to +010000-…). */
const YEAR_10000 = Date.UTC(10000, 0, 1);

const fields = {
  name: typedText(120),
  description: z.string().max(2000),
  // With its offset, 9999-12-31T23:59-23:00 is in the year 10000 (UTC): refused, not a 500 when it is stored.
  startsAt: z.iso
    .datetime({ offset: true })
    .refine((value) => Date.parse(value) < YEAR_10000, 'must be before the year 10000 (UTC)'),
  location: typedText(200),
  capacity: z.number().int().min(1).max(MAX_CAPACITY),
};

/** POST /events: every field; description may be empty. */
export const createBody = z.object({ ...fields, description: fields.description.default('') }).strict();

/** PATCH /events/{id}: any of the fields, at least one. */
export const changeBody = atLeastOneField(z.object(fields).partial().strict());

/** /events/{id}: the id the calendar gave out (`cev_` and 32 hex digits). */
export const calendarEventPath = z.object({
  id: z.string().regex(/^cev_[0-9a-f]{32}$/, 'expected a calendar event id (cev_…)'),
});

/** The path's calendar event id; one that cannot exist is a 404 without a read. */
export function calendarEventIdFrom(pathParameters: Record<string, string | undefined>): string {
  const parsed = calendarEventPath.safeParse(pathParameters);
  if (!parsed.success) throw notFound(pathParameters.id ?? '');
  return parsed.data.id;
}

export const notFound = (id: string) =>
  new NotFoundError('EVENT_NOT_FOUND', `There is no event '${id.slice(0, 80)}'.`);

export const notYours = () => new ForbiddenError('Only the event’s organizer or an admin may do this.');

export const startsInPast = () =>
  new BadRequestError('VALIDATION_FAILED', 'Some fields are missing or wrong.', [
    { field: 'startsAt', message: 'must be in the future' },
  ]);

export const cancelledConflict = () => new ConflictError('EVENT_CANCELLED');

export const busy = () => new ConflictError('EVENT_BUSY');

/** GET /events?limit=&cursor=. */
export const listCalendarEventsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: pagingCursor.optional(),
  })
  .strict();

/** GET /events?limit=&cursor=: a bad value names its parameter. */
export function listQueryFrom(query: Record<string, string | undefined>): {
  limit: number;
  after?: ListPosition;
} {
  const parsed = listCalendarEventsQuery.safeParse(query);
  if (!parsed.success) {
    throw new BadRequestError(
      'VALIDATION_FAILED',
      'Some query parameters are wrong.',
      zodProblems(parsed.error),
    );
  }
  if (parsed.data.cursor === undefined) return { limit: parsed.data.limit };
  const after = decodeCursor(parsed.data.cursor);
  if (!after) {
    throw new BadRequestError('VALIDATION_FAILED', 'Some query parameters are wrong.', [
      { field: 'cursor', message: 'is not a cursor this API gave out' },
    ]);
  }
  return { limit: parsed.data.limit, after };
}
