import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { type Quest, questUpdated } from '../../../events/quests';

/** What an admin gives to create a quest: everything but the version and the time, which the catalog sets. */
export type NewQuest = Omit<Quest, 'version' | 'updatedAt'>;
/** What an admin may change: any field but the id. */
export type QuestChanges = Partial<Omit<NewQuest, 'questId'>>;

export interface CatalogContext {
  now: Date;
  /** The catalog's version now; a saved change makes it one more. */
  catalogVersion: number;
  correlationId: string;
}

export type CatalogDecision =
  | { outcome: 'saved'; quest: Quest; catalogVersion: number; events: OutgoingEvent[] }
  | { outcome: 'exists'; questId: string }
  | { outcome: 'unknown'; questId: string }
  | { outcome: 'unchanged'; quest: Quest };

function saved(
  quest: Quest,
  ctx: CatalogContext,
  change: 'created' | 'changed' | 'deactivated',
): CatalogDecision {
  const catalogVersion = ctx.catalogVersion + 1;
  return {
    outcome: 'saved',
    quest,
    catalogVersion,
    events: [
      outgoing(questUpdated, {
        eventId: `quest-updated#${quest.questId}#${catalogVersion}`,
        correlationId: ctx.correlationId,
        quest,
        catalogVersion,
        change,
      }),
    ],
  };
}

export function decideCreate(
  existing: Quest | undefined,
  input: NewQuest,
  ctx: CatalogContext,
): CatalogDecision {
  if (existing) return { outcome: 'exists', questId: input.questId };
  return saved({ ...input, version: 1, updatedAt: ctx.now.toISOString() }, ctx, 'created');
}

/** A change of nothing (the same values again) saves nothing and publishes nothing. */
export function decideChange(
  existing: Quest | undefined,
  questId: string,
  changes: QuestChanges,
  ctx: CatalogContext,
): CatalogDecision {
  if (!existing) return { outcome: 'unknown', questId };
  const merged = { ...existing, ...changes };
  const same = (Object.keys(changes) as (keyof QuestChanges)[]).every(
    (key) => JSON.stringify(existing[key]) === JSON.stringify(merged[key]),
  );
  if (same) return { outcome: 'unchanged', quest: existing };
  const quest: Quest = { ...merged, version: existing.version + 1, updatedAt: ctx.now.toISOString() };
  const change = existing.active && !quest.active ? 'deactivated' : 'changed';
  return saved(quest, ctx, change);
}

export const isActive = (quest: Quest) => quest.active;
