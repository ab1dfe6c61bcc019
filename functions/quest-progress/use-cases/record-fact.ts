import type { Quest } from '../../../events/quests';
import { decideFact, emptyState, snapshotDue, type TriggerFact } from '../domain/progress';
import type { Trigger } from '../domain/triggers';
import type { ProgressStore, QuestCatalog } from '../ports';

export interface RecordFactDeps {
  store: ProgressStore;
  catalog: QuestCatalog;
  now: () => Date;
  /** A snapshot of the state every this many entries (0: never). */
  snapshotEvery: number;
}

export type FactOutcome = { questId: string; outcome: 'appended' | 'duplicate'; completed: boolean };

const MAX_ROUNDS = 10;

/** One quest: load, skip a fact already recorded, decide, append conditionally on the seq; a lost race decides again. */
async function recordOnQuest(deps: RecordFactDeps, quest: Quest, fact: TriggerFact): Promise<FactOutcome> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [stored, seen] = await Promise.all([
      deps.store.getState(fact.userId, quest.questId),
      deps.store.hasSeen(fact.userId, quest.questId, fact.sourceEventId),
    ]);
    if (seen) return { questId: quest.questId, outcome: 'duplicate', completed: false };
    const state = stored ?? emptyState(fact.userId, quest.questId);
    const now = deps.now();
    const decision = decideFact(state, quest, fact, now);
    const result = await deps.store.append(
      {
        userId: fact.userId,
        questId: quest.questId,
        expectedSeq: state.seq,
        entries: decision.entries,
        state: decision.state,
        sourceEventId: fact.sourceEventId,
        snapshot: snapshotDue(state.seq, decision.state.seq, deps.snapshotEvery),
        events: decision.events,
      },
      now,
    );
    if (result === 'appended') {
      return { questId: quest.questId, outcome: 'appended', completed: decision.events.length > 0 };
    }
  }
  throw new Error(
    `${fact.userId}/${quest.questId}: lost ${MAX_ROUNDS} races appending ${fact.sourceEventId}`,
  );
}

/** A trigger's fact progresses every active quest of that trigger, each in its own stream. */
export async function recordFact(
  deps: RecordFactDeps,
  trigger: Trigger,
  fact: TriggerFact,
): Promise<FactOutcome[]> {
  const quests = (await deps.catalog.quests()).filter((q) => q.active && q.trigger === trigger);
  const outcomes: FactOutcome[] = [];
  for (const quest of quests) outcomes.push(await recordOnQuest(deps, quest, fact));
  return outcomes;
}
