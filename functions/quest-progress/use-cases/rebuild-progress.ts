import { emptyState, fold, type ProgressState } from '../domain/progress';
import type { ProgressStore } from '../ports';

export interface RebuiltStream {
  questId: string;
  stored: ProgressState | undefined;
  rebuilt: ProgressState;
  /** Entries replayed (after the snapshot, when one was used). */
  replayed: number;
  fromSnapshot: number | null;
  matches: boolean;
}

/**
 * npm run quests -- rebuild <userId>: replays each of the user's quest streams (from its latest snapshot, or from
 * the first entry) and compares the result with the stored state. Reads only: the stored state is the answer key.
 */
export async function rebuildProgress(
  deps: { store: ProgressStore },
  input: { userId: string; useSnapshots: boolean },
): Promise<RebuiltStream[]> {
  const states = await deps.store.states(input.userId);
  const report: RebuiltStream[] = [];
  for (const stored of states) {
    const snapshot = input.useSnapshots
      ? await deps.store.latestSnapshot(input.userId, stored.questId)
      : undefined;
    let state = snapshot ?? emptyState(input.userId, stored.questId);
    let replayed = 0;
    for await (const page of deps.store.entries(input.userId, stored.questId, state.seq)) {
      state = fold(state, page);
      replayed += page.length;
    }
    report.push({
      questId: stored.questId,
      stored,
      rebuilt: state,
      replayed,
      fromSnapshot: snapshot ? snapshot.seq : null,
      matches: JSON.stringify(state) === JSON.stringify(normalized(stored)),
    });
  }
  return report;
}

/** The stored state with its fields in the fold's order, so the comparison is of values, not of key order. */
function normalized(stored: ProgressState): ProgressState {
  const {
    userId,
    questId,
    seq,
    facts,
    sinceCompletion,
    streakDays,
    lastCompletedDay,
    completions,
    updatedAt,
  } = stored;
  return {
    userId,
    questId,
    seq,
    facts,
    sinceCompletion,
    streakDays,
    lastCompletedDay,
    completions,
    updatedAt,
  };
}
