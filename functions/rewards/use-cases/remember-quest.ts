import type { QuestUpdated } from '../../../events/quests';
import type { RewardsStore } from '../ports';

/** quest.updated: the rewards service knows which quests exist, to tell an unknown quest (404) from nothing to claim. */
export async function rememberQuest(deps: { store: RewardsStore }, updated: Pick<QuestUpdated, 'quest'>) {
  await deps.store.rememberQuest(updated.quest);
}
