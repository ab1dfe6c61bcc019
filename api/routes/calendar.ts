import * as z from 'zod';
import {
  MAX_CAPACITY,
  type publicView,
  type Registration,
} from '../../functions/calendar/domain/calendar-event';
import {
  calendarEventPath,
  changeBody,
  createBody,
  listCalendarEventsQuery,
} from '../../functions/calendar/handlers/input';
import { defineRoute, sameType } from '../contract';
import { isoTime, userId } from '../schemas';

const calendarEvent = z
  .object({
    id: calendarEventPath.shape.id,
    name: z.string(),
    description: z.string(),
    startsAt: isoTime,
    location: z.string(),
    capacity: z.number().int().min(1).max(MAX_CAPACITY),
    registeredCount: z.number().int().min(0),
    placesLeft: z.number().int().min(0),
    organizerId: userId,
    status: z.enum(['SCHEDULED', 'CANCELLED']),
    version: z.number().int().min(1).describe('+1 per change of the organizer’s fields.'),
    createdAt: isoTime,
    updatedAt: isoTime,
  })
  .meta({ id: 'CalendarEvent' });
sameType<z.output<typeof calendarEvent>, ReturnType<typeof publicView>>(true);

const registration = z
  .object({
    registrationId: z.string(),
    calendarEventId: z.string(),
    userId,
    username: z.string(),
    registeredAt: isoTime,
  })
  .meta({ id: 'Registration' });
sameType<z.output<typeof registration>, Registration>(true);

const organizers = 'Its organizer or an admin.';
const inTheFuture = { code: 'VALIDATION_FAILED', field: 'startsAt', rule: 'is not in the future' } as const;

export const createCalendarEvent = defineRoute({
  method: 'POST',
  path: '/events',
  operationId: 'createCalendarEvent',
  summary: 'Create a calendar event',
  description:
    'Organizers and admins (403 for anyone else); the organizer is the caller. `startsAt` in the future. Publishes `event.created`.',
  tag: 'events',
  auth: 'jwt',
  request: {
    body: createBody,
    example: { name: 'Pizza night', startsAt: '2099-06-01T18:00:00+02:00', location: 'Berlin', capacity: 20 },
  },
  responses: { 201: { description: 'Created.', body: calendarEvent } },
  errors: ['FORBIDDEN'],
  rules: [inTheFuture],
});

export const listCalendarEvents = defineRoute({
  method: 'GET',
  path: '/events',
  operationId: 'listCalendarEvents',
  summary: 'Scheduled calendar events not started yet, soonest first',
  tag: 'events',
  auth: 'jwt',
  request: { query: listCalendarEventsQuery },
  responses: {
    200: {
      description: 'A page of events; `nextCursor` while there may be more.',
      body: z.object({ events: z.array(calendarEvent), nextCursor: z.string().optional() }),
    },
  },
  rules: [{ code: 'VALIDATION_FAILED', field: 'cursor', rule: 'is not a `nextCursor` this API gave out' }],
});

export const getCalendarEvent = defineRoute({
  method: 'GET',
  path: '/events/{id}',
  operationId: 'getCalendarEvent',
  summary: 'One calendar event (a cancelled one says so)',
  tag: 'events',
  auth: 'jwt',
  request: { path: calendarEventPath },
  responses: { 200: { description: 'The event.', body: calendarEvent } },
  errors: ['EVENT_NOT_FOUND'],
});

export const changeCalendarEvent = defineRoute({
  method: 'PATCH',
  path: '/events/{id}',
  operationId: 'changeCalendarEvent',
  summary: 'Change some fields of a calendar event',
  description: `${organizers} Conditional on the version read (retried); publishes \`event.updated\`.`,
  tag: 'events',
  auth: 'jwt',
  request: { path: calendarEventPath, body: changeBody, example: { capacity: 30 } },
  responses: { 200: { description: 'Changed; `version` is one more.', body: calendarEvent } },
  errors: ['EVENT_NOT_FOUND', 'FORBIDDEN', 'EVENT_CANCELLED', 'CAPACITY_BELOW_REGISTERED', 'EVENT_BUSY'],
  rules: [inTheFuture],
});

export const cancelCalendarEvent = defineRoute({
  method: 'DELETE',
  path: '/events/{id}',
  operationId: 'cancelCalendarEvent',
  summary: 'Cancel a calendar event',
  description: `${organizers} It stays readable as CANCELLED; \`event.cancelled\` names everyone registered.`,
  tag: 'events',
  auth: 'jwt',
  request: { path: calendarEventPath },
  responses: { 200: { description: 'Cancelled.', body: calendarEvent } },
  errors: ['EVENT_NOT_FOUND', 'FORBIDDEN', 'EVENT_CANCELLED', 'EVENT_BUSY'],
  softDelete: true,
});

export const register = defineRoute({
  method: 'POST',
  path: '/events/{id}/registrations',
  operationId: 'registerForCalendarEvent',
  summary: 'Take a place',
  description:
    'The registration, the conditional counter and `registration.created` in one transaction: never more places taken than the capacity.',
  tag: 'events',
  auth: 'jwt',
  request: { path: calendarEventPath },
  responses: { 201: { description: 'Registered.', body: registration } },
  errors: ['EVENT_NOT_FOUND', 'EVENT_CANCELLED', 'EVENT_STARTED', 'EVENT_FULL', 'ALREADY_REGISTERED'],
});

export const unregister = defineRoute({
  method: 'DELETE',
  path: '/events/{id}/registrations/me',
  operationId: 'unregisterFromCalendarEvent',
  summary: 'Give the caller’s place back',
  tag: 'events',
  auth: 'jwt',
  request: { path: calendarEventPath },
  responses: { 204: { description: 'Unregistered; `registration.cancelled` goes out.' } },
  errors: ['EVENT_NOT_FOUND'],
  rules: [{ code: 'NOT_REGISTERED', rule: 'the caller holds no place in the event' }],
});

export const listRegistrations = defineRoute({
  method: 'GET',
  path: '/events/{id}/registrations',
  operationId: 'listRegistrations',
  summary: 'Who registered, oldest first',
  description: organizers,
  tag: 'events',
  auth: 'jwt',
  request: { path: calendarEventPath },
  responses: {
    200: { description: 'The registrations.', body: z.object({ registrations: z.array(registration) }) },
  },
  errors: ['EVENT_NOT_FOUND', 'FORBIDDEN'],
});
