import { dayKeyOf } from '../../../shared/time';
import type { Completion } from '../domain/completion';
import type { InteractionsStore } from '../ports';

/** What the player has completed on the current UTC day. */
export async function listToday(
  deps: { store: InteractionsStore; now: () => Date },
  userId: string,
): Promise<{ dayKey: string; completions: Completion[] }> {
  const dayKey = dayKeyOf(deps.now());
  return { dayKey, completions: await deps.store.completionsOn(userId, dayKey) };
}
