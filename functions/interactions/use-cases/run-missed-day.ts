import { missedDayEvents } from '../domain/missed-day';
import { judgeable } from '../domain/missed-day-input';
import type { InteractionsStore } from '../ports';

export const ROSTER_PAGE_SIZE = 500;

export interface DayNotOver {
  outcome: 'day-not-over';
  dayKey: string;
  endsAt: string;
}

export interface MissedDayReport {
  outcome: 'judged';
  dayKey: string;
  playersChecked: number;
  activePlayers: number;
  missedPublished: number;
  rosterPages: number;
  durationMs: number;
}

/**
 * Walks the roster page by page and puts interaction.missed in the outbox for every player who had a pet on the day and
 * completed nothing. Memory holds one page and the day's active players, so ten thousand players is routine.
 */
export async function runMissedDayJob(
  deps: { store: InteractionsStore; now: () => Date },
  dayKey: string,
): Promise<MissedDayReport | DayNotOver> {
  const verdict = judgeable(dayKey, deps.now());
  if (!verdict.ok) return { outcome: 'day-not-over', dayKey, endsAt: verdict.endsAt };
  const started = Date.now();
  const correlationId = `missed-day-job#${dayKey}`;
  const activeUserIds = await deps.store.activePlayersOn(dayKey);
  let playersChecked = 0;
  let missedPublished = 0;
  let rosterPages = 0;
  for await (const roster of deps.store.rosterPages(ROSTER_PAGE_SIZE)) {
    rosterPages++;
    playersChecked += roster.length;
    const missed = missedDayEvents({ roster, activeUserIds, dayKey, now: deps.now(), correlationId });
    await deps.store.appendToOutbox(missed, deps.now());
    missedPublished += missed.length;
  }
  return {
    outcome: 'judged',
    dayKey,
    playersChecked,
    activePlayers: activeUserIds.size,
    missedPublished,
    rosterPages,
    durationMs: Date.now() - started,
  };
}
