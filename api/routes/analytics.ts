import * as z from 'zod';
import { analyticsPath, trackBody } from '../../functions/analytics/domain/track';
import type { readAnalytics } from '../../functions/analytics/use-cases/analytics';
import { defineRoute, sameType } from '../contract';
import { dayKey } from '../schemas';

const counts = { view: z.number().int(), click: z.number().int(), share: z.number().int() };
const analytics = z.object({
  eventId: z.string(),
  totals: z.object(counts),
  days: z.array(z.object({ day: dayKey, ...counts })).describe('One per UTC day with a count, in order.'),
});
type Read = Extract<Awaited<ReturnType<typeof readAnalytics>>, { outcome: 'read' }>['analytics'];
sameType<z.output<typeof analytics>, Read>(true);

export const track = defineRoute({
  method: 'POST',
  path: '/track',
  operationId: 'track',
  summary: 'Report a view, click or share of a calendar event',
  description:
    'Buffered on the track queue and counted later: distinct users per event and kind (a user’s repeats never ' +
    'count, whatever their `clientEventId`). 404 for an event analytics does not know: before `event.created` ' +
    'has reached it, or cancelled.',
  tag: 'events',
  auth: 'jwt',
  request: {
    body: trackBody,
    example: { type: 'view', eventId: 'cev_0123456789abcdef0123456789abcdef', clientEventId: 'view-0001' },
  },
  responses: { 202: { description: 'Buffered.', body: z.object({ accepted: z.literal(true) }) } },
  errors: ['EVENT_NOT_FOUND'],
});

export const getEventAnalytics = defineRoute({
  method: 'GET',
  path: '/analytics/events/{id}',
  operationId: 'getCalendarEventAnalytics',
  summary: 'Views, clicks and shares of a calendar event, in total and per UTC day',
  description: 'Its organizer and admins. 404 until `event.created` has reached analytics.',
  tag: 'events',
  auth: 'jwt',
  request: { path: analyticsPath },
  responses: { 200: { description: 'The counts.', body: analytics } },
  errors: ['EVENT_NOT_FOUND', 'FORBIDDEN'],
});
