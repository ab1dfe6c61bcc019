import { type Actor, mayManage } from '../domain/calendar-event';
import type { ListPosition } from '../domain/cursor';
import type { CalendarStore } from '../ports';

/** Scheduled calendar events that have not started yet, soonest first, one page at a time. */
export async function listUpcoming(
  deps: { store: CalendarStore; now: () => Date },
  input: { limit: number; after?: ListPosition },
) {
  return deps.store.upcoming(deps.now().toISOString(), input.limit, input.after);
}

/** Who registered, for its organizer and admins. */
export async function listRegistrations(
  deps: { store: CalendarStore },
  input: { actor: Actor; calendarEventId: string },
) {
  const current = await deps.store.get(input.calendarEventId);
  if (!current) return { outcome: 'not-found' as const };
  if (!mayManage(input.actor, current)) return { outcome: 'forbidden' as const };
  return { outcome: 'listed' as const, registrations: await deps.store.registrations(input.calendarEventId) };
}

/** One calendar event, cancelled ones included (they say so). */
export async function getCalendarEvent(deps: { store: CalendarStore }, id: string) {
  return deps.store.get(id);
}
