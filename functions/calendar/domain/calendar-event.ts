import {
  calendarEventCancelled,
  calendarEventCreated,
  calendarEventUpdated,
  registrationCancelled,
  registrationCreated,
} from '../../../events/calendar';
import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { GROUPS } from '../../../shared/identity';

/**
 * A calendar event: something people register for. (A *bus* event is a message on EventBridge; this module
 * returns those as `events`, beside the new state, for the outbox.)
 */
export interface CalendarEvent {
  id: string;
  name: string;
  description: string;
  startsAt: string;
  location: string;
  capacity: number;
  /** Places taken; kept by a conditional counter in the registration's own transaction. */
  registeredCount: number;
  organizerId: string;
  status: 'SCHEDULED' | 'CANCELLED';
  /** Bumped by every change of the organizer's fields (not by registrations). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Registration {
  registrationId: string;
  calendarEventId: string;
  userId: string;
  username: string;
  registeredAt: string;
}

export interface Actor {
  userId: string;
  groups: readonly string[];
}

export interface CalendarEventFields {
  name: string;
  description: string;
  startsAt: string;
  location: string;
  capacity: number;
}

export const MAX_CAPACITY = 1000;

export const isAdmin = (actor: Actor) => actor.groups.includes(GROUPS.admins);
/** Organizers and admins create; everyone signed in reads and registers. */
export const mayCreate = (actor: Actor) => isAdmin(actor) || actor.groups.includes(GROUPS.organizers);
/** Its organizer and admins change, cancel and see the registrations of a calendar event. */
export const mayManage = (actor: Actor, calendarEvent: Pick<CalendarEvent, 'organizerId'>) =>
  isAdmin(actor) || calendarEvent.organizerId === actor.userId;

function view(calendarEvent: CalendarEvent) {
  return {
    calendarEventId: calendarEvent.id,
    name: calendarEvent.name,
    description: calendarEvent.description,
    startsAt: calendarEvent.startsAt,
    location: calendarEvent.location,
    capacity: calendarEvent.capacity,
    organizerId: calendarEvent.organizerId,
    version: calendarEvent.version,
  };
}

export type CreateDecision =
  | { outcome: 'created'; calendarEvent: CalendarEvent; events: OutgoingEvent[] }
  | { outcome: 'forbidden' }
  | { outcome: 'starts-in-past' };

export function decideCreate(input: {
  actor: Actor;
  fields: CalendarEventFields;
  id: string;
  now: Date;
  correlationId: string;
}): CreateDecision {
  if (!mayCreate(input.actor)) return { outcome: 'forbidden' };
  if (Date.parse(input.fields.startsAt) <= input.now.getTime()) return { outcome: 'starts-in-past' };
  const at = input.now.toISOString();
  const calendarEvent: CalendarEvent = {
    id: input.id,
    ...input.fields,
    startsAt: new Date(input.fields.startsAt).toISOString(),
    registeredCount: 0,
    organizerId: input.actor.userId,
    status: 'SCHEDULED',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return {
    outcome: 'created',
    calendarEvent,
    events: [
      outgoing(calendarEventCreated, {
        eventId: `event-created#${calendarEvent.id}`,
        correlationId: input.correlationId,
        ...view(calendarEvent),
        createdAt: at,
      }),
    ],
  };
}

export type UpdateDecision =
  | { outcome: 'updated'; calendarEvent: CalendarEvent; events: OutgoingEvent[] }
  | { outcome: 'forbidden' }
  | { outcome: 'cancelled' }
  | { outcome: 'starts-in-past' }
  | { outcome: 'capacity-below-registered'; registeredCount: number };

export function decideUpdate(input: {
  actor: Actor;
  current: CalendarEvent;
  changes: Partial<CalendarEventFields>;
  now: Date;
  correlationId: string;
}): UpdateDecision {
  const { current, changes } = input;
  if (!mayManage(input.actor, current)) return { outcome: 'forbidden' };
  if (current.status === 'CANCELLED') return { outcome: 'cancelled' };
  if (changes.startsAt !== undefined && Date.parse(changes.startsAt) <= input.now.getTime()) {
    return { outcome: 'starts-in-past' };
  }
  if (changes.capacity !== undefined && changes.capacity < current.registeredCount) {
    return { outcome: 'capacity-below-registered', registeredCount: current.registeredCount };
  }
  const at = input.now.toISOString();
  const calendarEvent: CalendarEvent = {
    ...current,
    ...changes,
    startsAt: new Date(changes.startsAt ?? current.startsAt).toISOString(),
    version: current.version + 1,
    updatedAt: at,
  };
  return {
    outcome: 'updated',
    calendarEvent,
    events: [
      outgoing(calendarEventUpdated, {
        eventId: `event-updated#${calendarEvent.id}#${calendarEvent.version}`,
        correlationId: input.correlationId,
        ...view(calendarEvent),
        updatedAt: at,
      }),
    ],
  };
}

export type CancelDecision =
  | { outcome: 'cancelled'; calendarEvent: CalendarEvent; events: OutgoingEvent[] }
  | { outcome: 'forbidden' }
  | { outcome: 'already-cancelled' };

/** Cancels (DELETE): the calendar event stays readable as CANCELLED, and everyone registered is named. */
export function decideCancel(input: {
  actor: Actor;
  current: CalendarEvent;
  registeredUserIds: readonly string[];
  now: Date;
  correlationId: string;
}): CancelDecision {
  const { current } = input;
  if (!mayManage(input.actor, current)) return { outcome: 'forbidden' };
  if (current.status === 'CANCELLED') return { outcome: 'already-cancelled' };
  const at = input.now.toISOString();
  const calendarEvent: CalendarEvent = {
    ...current,
    status: 'CANCELLED',
    version: current.version + 1,
    updatedAt: at,
  };
  return {
    outcome: 'cancelled',
    calendarEvent,
    events: [
      outgoing(calendarEventCancelled, {
        eventId: `event-cancelled#${current.id}`,
        correlationId: input.correlationId,
        calendarEventId: current.id,
        name: current.name,
        startsAt: current.startsAt,
        organizerId: current.organizerId,
        registeredUserIds: [...input.registeredUserIds],
        cancelledAt: at,
      }),
    ],
  };
}

export type RegisterDecision =
  | { outcome: 'register'; registration: Registration; events: OutgoingEvent[] }
  | { outcome: 'cancelled' }
  | { outcome: 'started' }
  | { outcome: 'full' };

/**
 * Whether a user may take a place, as far as the loaded state shows. The place itself is taken by the store's
 * conditional counter (registeredCount < capacity, still SCHEDULED) in the registration's transaction, so two
 * users never take the last place, whatever this read said.
 */
export function decideRegistration(input: {
  current: CalendarEvent;
  userId: string;
  username: string;
  registrationId: string;
  now: Date;
  correlationId: string;
}): RegisterDecision {
  const { current } = input;
  if (current.status === 'CANCELLED') return { outcome: 'cancelled' };
  if (Date.parse(current.startsAt) <= input.now.getTime()) return { outcome: 'started' };
  if (current.registeredCount >= current.capacity) return { outcome: 'full' };
  const at = input.now.toISOString();
  const registration: Registration = {
    registrationId: input.registrationId,
    calendarEventId: current.id,
    userId: input.userId,
    username: input.username,
    registeredAt: at,
  };
  return {
    outcome: 'register',
    registration,
    events: [
      outgoing(registrationCreated, {
        eventId: `registration-created#${registration.registrationId}`,
        correlationId: input.correlationId,
        registrationId: registration.registrationId,
        calendarEventId: current.id,
        userId: input.userId,
        at,
      }),
    ],
  };
}

/** A user gives their place back: the registration goes, the counter goes down, in one transaction. */
export function registrationCancelledEvents(input: {
  registration: Registration;
  now: Date;
  correlationId: string;
}): OutgoingEvent[] {
  return [
    outgoing(registrationCancelled, {
      eventId: `registration-cancelled#${input.registration.registrationId}`,
      correlationId: input.correlationId,
      registrationId: input.registration.registrationId,
      calendarEventId: input.registration.calendarEventId,
      userId: input.registration.userId,
      at: input.now.toISOString(),
    }),
  ];
}

/** What the API answers for a calendar event. */
export function publicView(calendarEvent: CalendarEvent) {
  return {
    id: calendarEvent.id,
    name: calendarEvent.name,
    description: calendarEvent.description,
    startsAt: calendarEvent.startsAt,
    location: calendarEvent.location,
    capacity: calendarEvent.capacity,
    registeredCount: calendarEvent.registeredCount,
    placesLeft: Math.max(0, calendarEvent.capacity - calendarEvent.registeredCount),
    organizerId: calendarEvent.organizerId,
    status: calendarEvent.status,
    version: calendarEvent.version,
    createdAt: calendarEvent.createdAt,
    updatedAt: calendarEvent.updatedAt,
  };
}
