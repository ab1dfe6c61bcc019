import type { StreamEntry } from '../domain/progress';
import type { ProgressStore } from '../ports';

export const MAX_LISTED_ENTRIES = 1000;

/** GET /quests/me/events: the caller's stream entries, oldest first (as recorded, then quest and seq). */
export async function listMyEvents(
  deps: { store: ProgressStore },
  input: { userId: string; questId?: string },
): Promise<(StreamEntry & { questId: string })[]> {
  const entries = await deps.store.userEntries(input.userId, MAX_LISTED_ENTRIES);
  return entries
    .filter((e) => input.questId === undefined || e.questId === input.questId)
    .sort(
      (a, b) =>
        a.recordedAt.localeCompare(b.recordedAt) || a.questId.localeCompare(b.questId) || a.seq - b.seq,
    );
}
