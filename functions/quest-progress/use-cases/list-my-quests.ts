import type { Quest } from '../../../events/quests';
import { emptyState, progressOf, type QuestStatus, statusOf } from '../domain/progress';
import type { ProgressStore, QuestCatalog } from '../ports';

export interface MyQuest {
  questId: string;
  name: string;
  description: string;
  kind: Quest['kind'];
  target: number;
  duplication: number;
  reward: Quest['reward'];
  autoClaim: boolean;
  progress: number;
  completions: number;
  credited: number;
  status: QuestStatus;
}

/** GET /quests/me: every active quest with the caller's progress, completions and status. */
export async function listMyQuests(
  deps: { store: ProgressStore; catalog: QuestCatalog },
  userId: string,
): Promise<MyQuest[]> {
  const [quests, states, credits] = await Promise.all([
    deps.catalog.quests(),
    deps.store.states(userId),
    deps.store.credits(userId),
  ]);
  const byQuest = new Map(states.map((s) => [s.questId, s]));
  return quests
    .filter((q) => q.active)
    .sort((a, b) => a.name.localeCompare(b.name) || a.questId.localeCompare(b.questId))
    .map((quest) => {
      const state = byQuest.get(quest.questId) ?? emptyState(userId, quest.questId);
      const credited = credits.get(quest.questId) ?? 0;
      return {
        questId: quest.questId,
        name: quest.name,
        description: quest.description,
        kind: quest.kind,
        target: quest.target,
        duplication: quest.duplication,
        reward: quest.reward,
        autoClaim: quest.autoClaim,
        progress: progressOf(quest, state),
        completions: state.completions,
        credited,
        status: statusOf(quest, state, credited),
      };
    });
}
