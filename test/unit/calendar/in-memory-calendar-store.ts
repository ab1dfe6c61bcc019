import type { OutgoingEvent } from '../../../events/define-event';
import type { CalendarEvent, Registration } from '../../../functions/calendar/domain/calendar-event';
import type { ListPosition } from '../../../functions/calendar/domain/cursor';
import type { CalendarStore, IdSource, UpcomingPage } from '../../../functions/calendar/ports';

/** The calendar store in memory, with the DynamoDB adapter's conditions; `outbox` collects what was saved. */
export class InMemoryCalendarStore implements CalendarStore {
  readonly calendarEvents = new Map<string, CalendarEvent>();
  readonly registrationsByKey = new Map<string, Registration>();
  readonly outbox: OutgoingEvent[] = [];

  async create(calendarEvent: CalendarEvent, events: readonly OutgoingEvent[]) {
    this.calendarEvents.set(calendarEvent.id, { ...calendarEvent });
    this.outbox.push(...events);
  }
  async get(id: string) {
    const found = this.calendarEvents.get(id);
    return found ? { ...found } : undefined;
  }
  async update(calendarEvent: CalendarEvent, expectedVersion: number, events: readonly OutgoingEvent[]) {
    const current = this.calendarEvents.get(calendarEvent.id);
    if (
      !current ||
      current.version !== expectedVersion ||
      current.status !== 'SCHEDULED' ||
      current.registeredCount > calendarEvent.capacity
    ) {
      return 'conflict' as const;
    }
    this.calendarEvents.set(calendarEvent.id, { ...calendarEvent, registeredCount: current.registeredCount });
    this.outbox.push(...events);
    return 'updated' as const;
  }
  async cancel(
    calendarEvent: CalendarEvent,
    expected: { version: number; registeredCount: number },
    events: readonly OutgoingEvent[],
  ) {
    const current = this.calendarEvents.get(calendarEvent.id);
    if (
      !current ||
      current.version !== expected.version ||
      current.registeredCount !== expected.registeredCount
    ) {
      return 'conflict' as const;
    }
    this.calendarEvents.set(calendarEvent.id, {
      ...current,
      status: 'CANCELLED',
      version: calendarEvent.version,
    });
    this.outbox.push(...events);
    return 'cancelled' as const;
  }
  async register(registration: Registration, events: readonly OutgoingEvent[]) {
    const key = `${registration.calendarEventId}/${registration.userId}`;
    if (this.registrationsByKey.has(key)) return 'already-registered' as const;
    const current = this.calendarEvents.get(registration.calendarEventId);
    if (current?.status !== 'SCHEDULED') return 'not-open' as const;
    if (current.registeredCount >= current.capacity) return 'full' as const;
    current.registeredCount++;
    this.registrationsByKey.set(key, registration);
    this.outbox.push(...events);
    return 'registered' as const;
  }
  async unregister(registration: Registration, events: readonly OutgoingEvent[]) {
    const key = `${registration.calendarEventId}/${registration.userId}`;
    if (this.registrationsByKey.get(key)?.registrationId !== registration.registrationId) {
      return 'not-registered' as const;
    }
    this.registrationsByKey.delete(key);
    const current = this.calendarEvents.get(registration.calendarEventId);
    if (current) current.registeredCount--;
    this.outbox.push(...events);
    return 'unregistered' as const;
  }
  async registrationOf(calendarEventId: string, userId: string) {
    return this.registrationsByKey.get(`${calendarEventId}/${userId}`);
  }
  async registrations(calendarEventId: string) {
    return [...this.registrationsByKey.values()].filter((r) => r.calendarEventId === calendarEventId);
  }
  async upcoming(from: string, limit: number, after?: ListPosition): Promise<UpcomingPage> {
    const position = (e: { startsAt: string; id: string }) => `${e.startsAt}#${e.id}`;
    const all = [...this.calendarEvents.values()]
      .filter((e) => e.status === 'SCHEDULED' && position(e) >= from)
      .filter((e) => !after || position(e) > position(after))
      .sort((a, b) => position(a).localeCompare(position(b)));
    const items = all.slice(0, limit);
    const last = items.at(-1);
    return { items, next: all.length > limit && last ? { startsAt: last.startsAt, id: last.id } : undefined };
  }
}

export function sequentialIds(): IdSource {
  let n = 0;
  const next = () => (++n).toString(16).padStart(32, '0');
  return { calendarEventId: () => `cev_${next()}`, registrationId: () => `reg_${next()}` };
}
