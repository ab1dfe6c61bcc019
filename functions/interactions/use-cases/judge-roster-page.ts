import { missedDayEvents } from '../domain/missed-day';
import { type PageOutcome, type RosterPage, runCorrelationId } from '../domain/missed-day-run';
import type { InteractionsStore, MissedDayRuns } from '../ports';

export type JudgePageResult =
  | { outcome: 'judged'; page: number; result: PageOutcome }
  | { outcome: 'already-judged'; page: number }
  | { outcome: 'unknown-page'; page: number };

/**
 * Judges one page of a run: its roster range and the day's active players in that range, an interaction.missed
 * for each idle player into the outbox (deterministic ids, so a replay writes the same events), then the page's
 * outcome, recorded once. A page judged already is skipped.
 */
export async function judgeRosterPage(
  deps: { store: InteractionsStore; runs: MissedDayRuns; now: () => Date },
  input: RosterPage & { runId: string; dayKey: string },
): Promise<JudgePageResult> {
  const { runId, dayKey, page } = input;
  const known = await deps.runs.page(runId, page);
  if (!known) return { outcome: 'unknown-page', page };
  if (known.outcome) return { outcome: 'already-judged', page };
  // The range as planned (the message only repeats it).
  const range = { after: known.after, last: known.last };
  const [roster, active] = await Promise.all([
    deps.store.rosterRange(range),
    deps.store.activeAmong(dayKey, range),
  ]);
  const missed = missedDayEvents({
    roster,
    activeUserIds: active,
    dayKey,
    now: deps.now(),
    correlationId: runCorrelationId(runId),
  });
  await deps.store.appendToOutbox(missed, deps.now());
  const result: PageOutcome = {
    playersChecked: roster.length,
    activePlayers: roster.filter((player) => active.has(player.userId)).length,
    missedPublished: missed.length,
    judgedAt: deps.now().toISOString(),
  };
  const recorded = await deps.runs.recordPageOutcome(runId, page, result);
  return recorded === 'recorded' ? { outcome: 'judged', page, result } : { outcome: 'already-judged', page };
}
