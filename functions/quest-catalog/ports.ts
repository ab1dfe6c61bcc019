import type { OutgoingEvent } from '../../events/define-event';
import type { Quest } from '../../events/quests';

/** The catalog table: quests and the catalog's version. adapters/dynamodb-catalog-store.ts implements it. */
export interface CatalogStore {
  getQuest(questId: string): Promise<Quest | undefined>;
  listQuests(): Promise<Quest[]>;
  catalogVersion(): Promise<number>;
  /**
   * Saves the quest, sets the catalog's version and puts the events in the outbox in one transaction, if the
   * quest's stored version is still `expectedQuestVersion` (undefined: it must not exist) and the catalog's is
   * still `expectedCatalogVersion`; 'conflict' (nothing written) otherwise.
   */
  saveQuest(
    quest: Quest,
    expected: { questVersion: number | undefined; catalogVersion: number },
    catalogVersion: number,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'saved' | 'conflict'>;
}
