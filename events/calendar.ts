import * as z from 'zod';
import { defineEvent } from './define-event';

/**
 * The event-management platform's bus events. A *calendar event* is the thing people register for (type
 * `CalendarEvent`, service `functions/calendar`); these are the *bus events* about it. Their detail types keep the
 * names users of the API expect (`event.created`), and their payloads call the calendar event `calendarEventId`.
 */
export const CALENDAR_SOURCE = 'events.calendar';

const calendarEventId = z.string().min(1).max(64);
const userId = z.string().min(1).max(128);

/** What everyone may see of a calendar event: the shape of event.created and event.updated. */
export const calendarEventView = {
  calendarEventId,
  name: z.string().min(1).max(120),
  description: z.string().max(2000),
  startsAt: z.iso.datetime(),
  location: z.string().min(1).max(200),
  capacity: z.number().int().min(1).max(1000),
  organizerId: userId,
  version: z.number().int().min(1),
};

const exampleView = {
  calendarEventId: 'cev_01JE0A1B2C3D4E5F6G7H8J9K0M',
  name: 'Pizza night',
  description: 'We bake, you eat.',
  startsAt: '2026-12-24T18:00:00.000Z',
  location: 'Hauptstrasse 1, Berlin',
  capacity: 20,
  organizerId: '6a1b2c3d-0000-4000-8000-0000000000b2',
  version: 1,
};

export const calendarEventCreated = defineEvent({
  source: CALENDAR_SOURCE,
  detailType: 'event.created',
  version: 1,
  description: 'An organizer created a calendar event; pushed live to the `events` topic.',
  payload: { ...calendarEventView, createdAt: z.iso.datetime() },
  example: {
    eventId: 'event-created#cev_01JE0A1B2C3D4E5F6G7H8J9K0M',
    correlationId: 'c0ffee00-0000-4000-8000-000000000020',
    ...exampleView,
    createdAt: '2026-12-01T09:00:00.000Z',
  },
});

export const calendarEventUpdated = defineEvent({
  source: CALENDAR_SOURCE,
  detailType: 'event.updated',
  version: 1,
  description:
    'Its organizer or an admin changed a calendar event; carries the whole new view and its version.',
  payload: { ...calendarEventView, updatedAt: z.iso.datetime() },
  example: {
    eventId: 'event-updated#cev_01JE0A1B2C3D4E5F6G7H8J9K0M#2',
    correlationId: 'c0ffee00-0000-4000-8000-000000000021',
    ...exampleView,
    location: 'Hauptstrasse 2, Berlin',
    version: 2,
    updatedAt: '2026-12-01T10:00:00.000Z',
  },
});

export const calendarEventCancelled = defineEvent({
  source: CALENDAR_SOURCE,
  detailType: 'event.cancelled',
  version: 1,
  description:
    'A calendar event was cancelled (DELETE /events/{id}); names everyone who was registered, so they can be told.',
  payload: {
    calendarEventId,
    name: z.string().min(1).max(120),
    startsAt: z.iso.datetime(),
    organizerId: userId,
    registeredUserIds: z.array(userId).max(1000),
    cancelledAt: z.iso.datetime(),
  },
  example: {
    eventId: 'event-cancelled#cev_01JE0A1B2C3D4E5F6G7H8J9K0M',
    correlationId: 'c0ffee00-0000-4000-8000-000000000022',
    calendarEventId: 'cev_01JE0A1B2C3D4E5F6G7H8J9K0M',
    name: 'Pizza night',
    startsAt: '2026-12-24T18:00:00.000Z',
    organizerId: '6a1b2c3d-0000-4000-8000-0000000000b2',
    registeredUserIds: ['6a1b2c3d-0000-4000-8000-0000000000a1'],
    cancelledAt: '2026-12-02T09:00:00.000Z',
  },
});

const registrationPayload = {
  registrationId: z.string().min(1).max(64),
  calendarEventId,
  userId,
  at: z.iso.datetime(),
};

export const registrationCreated = defineEvent({
  source: CALENDAR_SOURCE,
  detailType: 'registration.created',
  version: 1,
  description:
    'A user took one of the places of a calendar event (the counter is conditional, in the same transaction).',
  payload: registrationPayload,
  example: {
    eventId: 'registration-created#reg_01JE0A1B2C3D4E5F6G7H8J9K0N',
    correlationId: 'c0ffee00-0000-4000-8000-000000000023',
    registrationId: 'reg_01JE0A1B2C3D4E5F6G7H8J9K0N',
    calendarEventId: 'cev_01JE0A1B2C3D4E5F6G7H8J9K0M',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    at: '2026-12-01T09:05:00.000Z',
  },
});

export const registrationCancelled = defineEvent({
  source: CALENDAR_SOURCE,
  detailType: 'registration.cancelled',
  version: 1,
  description: 'A user gave their place back (DELETE /events/{id}/registrations/me).',
  payload: registrationPayload,
  example: {
    eventId: 'registration-cancelled#reg_01JE0A1B2C3D4E5F6G7H8J9K0N',
    correlationId: 'c0ffee00-0000-4000-8000-000000000024',
    registrationId: 'reg_01JE0A1B2C3D4E5F6G7H8J9K0N',
    calendarEventId: 'cev_01JE0A1B2C3D4E5F6G7H8J9K0M',
    userId: '6a1b2c3d-0000-4000-8000-0000000000a1',
    at: '2026-12-01T09:10:00.000Z',
  },
});

export const calendarEvents = [
  calendarEventCreated,
  calendarEventUpdated,
  calendarEventCancelled,
  registrationCreated,
  registrationCancelled,
] as const;

export type CalendarEventCreated = z.infer<typeof calendarEventCreated.schema>;
export type CalendarEventUpdated = z.infer<typeof calendarEventUpdated.schema>;
export type CalendarEventCancelled = z.infer<typeof calendarEventCancelled.schema>;
export type RegistrationCreated = z.infer<typeof registrationCreated.schema>;
