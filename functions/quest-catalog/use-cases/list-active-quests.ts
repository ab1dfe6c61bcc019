import type { Quest } from '../../../events/quests';
import { isActive } from '../domain/quest';
import type { CatalogStore } from '../ports';

/** GET /quests: the active quests, by name. */
export async function listActiveQuests(deps: { store: CatalogStore }): Promise<Quest[]> {
  const quests = await deps.store.listQuests();
  return quests
    .filter(isActive)
    .sort((a, b) => a.name.localeCompare(b.name) || a.questId.localeCompare(b.questId));
}
