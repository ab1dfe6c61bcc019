import type { OutgoingEvent } from '../../events/define-event';
import type { CalendarEvent, Registration } from './domain/calendar-event';
import type { ListPosition } from './domain/cursor';

export interface UpcomingPage {
  items: CalendarEvent[];
  /** The position after the page's last item; absent on the last page. */
  next?: ListPosition;
}

/** What the calendar use cases need of storage; adapters/dynamodb-calendar-store.ts implements it. */
export interface CalendarStore {
  /** Saves a new calendar event and its events (outbox) in one transaction. */
  create(calendarEvent: CalendarEvent, events: readonly OutgoingEvent[], now: Date): Promise<void>;
  get(id: string): Promise<CalendarEvent | undefined>;
  /**
   * Saves the changed fields if the stored version is still `expectedVersion` and the new capacity still holds
   * the places taken; 'conflict' (nothing written) otherwise.
   */
  update(
    calendarEvent: CalendarEvent,
    expectedVersion: number,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'updated' | 'conflict'>;
  /** Marks it cancelled if neither its version nor its places changed since it was read; else 'conflict'. */
  cancel(
    calendarEvent: CalendarEvent,
    expected: { version: number; registeredCount: number },
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'cancelled' | 'conflict'>;
  /**
   * One transaction: the registration (if the user has none), the counter + 1 (if a place is left and the
   * calendar event is still scheduled), and the events. The first condition that fails is the answer.
   */
  register(
    registration: Registration,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'registered' | 'already-registered' | 'full' | 'not-open'>;
  /** One transaction: the registration goes, the counter − 1, the events; 'not-registered' if it was gone. */
  unregister(
    registration: Registration,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'unregistered' | 'not-registered'>;
  registrationOf(calendarEventId: string, userId: string): Promise<Registration | undefined>;
  registrations(calendarEventId: string): Promise<Registration[]>;
  /** Scheduled calendar events starting at or after `from`, soonest first, after `after`. */
  upcoming(from: string, limit: number, after?: ListPosition): Promise<UpcomingPage>;
}

export interface IdSource {
  calendarEventId(): string;
  registrationId(): string;
}
