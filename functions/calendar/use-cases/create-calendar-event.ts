import { type Actor, type CalendarEventFields, decideCreate } from '../domain/calendar-event';
import type { CalendarStore, IdSource } from '../ports';

/** An organizer (or admin) creates a calendar event; it and its event.created are saved together. */
export async function createCalendarEvent(
  deps: { store: CalendarStore; ids: IdSource; now: () => Date },
  input: { actor: Actor; fields: CalendarEventFields; correlationId: string },
) {
  const now = deps.now();
  const decision = decideCreate({ ...input, id: deps.ids.calendarEventId(), now });
  if (decision.outcome !== 'created') return decision;
  await deps.store.create(decision.calendarEvent, decision.events, now);
  return { outcome: 'created' as const, calendarEvent: decision.calendarEvent };
}
