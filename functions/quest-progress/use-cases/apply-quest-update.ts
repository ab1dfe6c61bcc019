import type { QuestUpdated } from '../../../events/quests';
import type { CatalogProjection, QuestCatalog } from '../ports';

/**
 * quest.updated: keep the newest version of the quest in this service's copy of the catalog, then drop this
 * worker's cache. Other workers see the new catalog version on their next check (adapters/cached-catalog.ts).
 */
export async function applyQuestUpdate(
  deps: { projection: CatalogProjection; catalog: QuestCatalog },
  updated: Pick<QuestUpdated, 'quest'>,
): Promise<'applied' | 'stale'> {
  const result = await deps.projection.applyQuest(updated.quest);
  deps.catalog.invalidate();
  return result;
}
