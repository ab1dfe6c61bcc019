import type { RewardCredited } from '../../../events/quests';
import type { ProgressStore } from '../ports';

/** reward.credited: remember that the completion was credited, for the quest's status (claimable, claimed). */
export async function recordCredit(
  deps: { store: ProgressStore },
  credited: Pick<RewardCredited, 'userId' | 'questId' | 'completion' | 'creditedAt'>,
): Promise<void> {
  await deps.store.recordCredit(credited.userId, credited.questId, credited.completion, credited.creditedAt);
}
