import type { QuestCompleted } from '../../../events/quests';
import { decideCompleted } from '../domain/rewards';
import type { RewardsStore } from '../ports';

/** quest.completed: an auto-claimed reward is credited now; otherwise the completion waits for the user's claim. */
export async function takeCompletion(
  deps: { store: RewardsStore; now: () => Date },
  completed: QuestCompleted,
): Promise<'credited' | 'claimable' | 'duplicate'> {
  const existing = await deps.store.getCompletion(completed.userId, completed.questId, completed.completion);
  const now = deps.now();
  const decision = decideCompleted(existing, completed, now);
  switch (decision.outcome) {
    case 'duplicate':
      return 'duplicate';
    case 'claimable':
      return (await deps.store.saveClaimable(decision.record)) === 'saved' ? 'claimable' : 'duplicate';
    case 'credit':
      // A conflict is a concurrent delivery of the same completion that credited it first.
      return (await deps.store.credit(decision.credit, 'new', now)) === 'credited' ? 'credited' : 'duplicate';
  }
}
