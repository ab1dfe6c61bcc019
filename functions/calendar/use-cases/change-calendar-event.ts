import { type Actor, type CalendarEventFields, decideUpdate } from '../domain/calendar-event';
import type { CalendarStore } from '../ports';

const ATTEMPTS = 5;

/**
 * Its organizer or an admin changes some fields. The write is conditional on the version read (and on the new
 * capacity holding the places taken), so a concurrent change or registration is never overwritten: the use case
 * reads again and decides again.
 */
export async function changeCalendarEvent(
  deps: { store: CalendarStore; now: () => Date },
  input: { actor: Actor; id: string; changes: Partial<CalendarEventFields>; correlationId: string },
) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await deps.store.get(input.id);
    if (!current) return { outcome: 'not-found' as const };
    const now = deps.now();
    const decision = decideUpdate({ ...input, current, now });
    if (decision.outcome !== 'updated') return decision;
    const saved = await deps.store.update(decision.calendarEvent, current.version, decision.events, now);
    if (saved === 'updated') return { outcome: 'updated' as const, calendarEvent: decision.calendarEvent };
  }
  return { outcome: 'busy' as const };
}
