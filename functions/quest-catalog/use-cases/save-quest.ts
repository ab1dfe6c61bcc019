import type { Quest } from '../../../events/quests';
import {
  type CatalogContext,
  type CatalogDecision,
  decideChange,
  decideCreate,
  type NewQuest,
  type QuestChanges,
} from '../domain/quest';
import type { CatalogStore } from '../ports';

export type SaveQuestResult =
  | Exclude<CatalogDecision, { events: unknown }>
  | { outcome: 'saved'; quest: Quest };

const MAX_ROUNDS = 8;

/** Load, decide, save conditionally on both versions; another admin's change in between means deciding again. */
async function saveWith(
  deps: { store: CatalogStore; now: () => Date },
  questId: string,
  correlationId: string,
  decide: (existing: Quest | undefined, ctx: CatalogContext) => CatalogDecision,
): Promise<SaveQuestResult> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [existing, catalogVersion] = await Promise.all([
      deps.store.getQuest(questId),
      deps.store.catalogVersion(),
    ]);
    const now = deps.now();
    const decision = decide(existing, { now, catalogVersion, correlationId });
    if (decision.outcome !== 'saved') return decision;
    const result = await deps.store.saveQuest(
      decision.quest,
      { questVersion: existing?.version, catalogVersion },
      decision.catalogVersion,
      decision.events,
      now,
    );
    if (result === 'saved') return { outcome: 'saved', quest: decision.quest };
  }
  throw new Error(`quest ${questId}: lost ${MAX_ROUNDS} races with other catalog changes`);
}

/** POST /admin/quests: a new quest, published as quest.updated (created). */
export function createQuest(
  deps: { store: CatalogStore; now: () => Date },
  input: { quest: NewQuest; correlationId: string },
): Promise<SaveQuestResult> {
  return saveWith(deps, input.quest.questId, input.correlationId, (existing, ctx) =>
    decideCreate(existing, input.quest, ctx),
  );
}

/** PATCH /admin/quests/{id} and DELETE (active: false): published as quest.updated (changed or deactivated). */
export function changeQuest(
  deps: { store: CatalogStore; now: () => Date },
  input: { questId: string; changes: QuestChanges; correlationId: string },
): Promise<SaveQuestResult> {
  return saveWith(deps, input.questId, input.correlationId, (existing, ctx) =>
    decideChange(existing, input.questId, input.changes, ctx),
  );
}
