import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { type Quest, questCompleted } from '../../../events/quests';
import { addDays } from '../../../shared/time';

/**
 * A user's progress on one quest is an append-only stream of entries, numbered 1, 2, 3...; the state is the fold of
 * the stream. Facts are what the quest's trigger saw (a sign-in); a completion is recorded in the stream as
 * its own entry when a fact completes the quest, so folding never needs the quest's definition and a rebuild
 * reproduces the state whatever the catalog says today.
 */
export type FactType = 'signed_up' | 'signed_in';

/** `at`: when it happened (the sign-in's time); `recordedAt`: when the stream took it in (the stream's order). */
export type StreamEntry =
  | { seq: number; type: FactType; at: string; recordedAt: string; dayKey: string; sourceEventId: string }
  | {
      seq: number;
      type: 'quest_completed';
      at: string;
      recordedAt: string;
      dayKey: string;
      completion: number;
    };

export interface ProgressState {
  userId: string;
  questId: string;
  /** The last entry folded in (0: none). */
  seq: number;
  facts: number;
  /** Facts since the last completion: a count quest's progress. */
  sinceCompletion: number;
  /** The distinct UTC days with a fact since the last completion, in order: a daily-streak quest's progress. */
  streakDays: string[];
  /** The day of the last completion; a late fact from that day or before does not start a new streak. */
  lastCompletedDay: string | null;
  completions: number;
  updatedAt: string | null;
}

/** A fact as a trigger delivers it: which event, when, and whether it was the user's first sign-in. */
export interface TriggerFact {
  userId: string;
  type: FactType;
  at: string;
  dayKey: string;
  sourceEventId: string;
  correlationId: string;
}

export function emptyState(userId: string, questId: string): ProgressState {
  return {
    userId,
    questId,
    seq: 0,
    facts: 0,
    sinceCompletion: 0,
    streakDays: [],
    lastCompletedDay: null,
    completions: 0,
    updatedAt: null,
  };
}

export function apply(state: ProgressState, entry: StreamEntry): ProgressState {
  if (entry.seq !== state.seq + 1) {
    throw new Error(`${state.userId}/${state.questId}: entry ${entry.seq} does not follow ${state.seq}`);
  }
  if (entry.type === 'quest_completed') {
    return {
      ...state,
      seq: entry.seq,
      sinceCompletion: 0,
      streakDays: [],
      lastCompletedDay: entry.dayKey,
      completions: state.completions + 1,
      updatedAt: entry.at,
    };
  }
  const counts = state.lastCompletedDay === null || entry.dayKey > state.lastCompletedDay;
  const streakDays =
    counts && !state.streakDays.includes(entry.dayKey)
      ? [...state.streakDays, entry.dayKey].sort()
      : state.streakDays;
  return {
    ...state,
    seq: entry.seq,
    facts: state.facts + 1,
    sinceCompletion: state.sinceCompletion + 1,
    streakDays,
    updatedAt: entry.at,
  };
}

export function fold(state: ProgressState, entries: Iterable<StreamEntry>): ProgressState {
  let current = state;
  for (const entry of entries) current = apply(current, entry);
  return current;
}

/** The longest run of consecutive UTC days in a sorted list of distinct days. */
export function longestRun(days: readonly string[]): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < days.length; i++) {
    run = i > 0 && addDays(days[i - 1]!, 1) === days[i] ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

/** The run of consecutive days that ends on the latest day: the streak a user sees. */
export function currentRun(days: readonly string[]): number {
  let run = days.length > 0 ? 1 : 0;
  for (let i = days.length - 1; i > 0 && addDays(days[i - 1]!, 1) === days[i]; i--) run++;
  return run;
}

/** How far the state is towards the quest's next completion, in the quest's own unit. */
export function progressOf(quest: Pick<Quest, 'kind' | 'target'>, state: ProgressState): number {
  const raw = quest.kind === 'count' ? state.sinceCompletion : currentRun(state.streakDays);
  return Math.min(raw, quest.target);
}

function completes(quest: Pick<Quest, 'kind' | 'target'>, state: ProgressState): boolean {
  return quest.kind === 'count'
    ? state.sinceCompletion >= quest.target
    : longestRun(state.streakDays) >= quest.target;
}

export interface FactDecision {
  /** The entries to append, in order: the fact, and its completion if it completes the quest. */
  entries: StreamEntry[];
  state: ProgressState;
  events: OutgoingEvent[];
}

export function completionEventId(userId: string, questId: string, completion: number): string {
  return `quest-completed#${userId}#${questId}#${completion}`;
}

/**
 * A trigger's fact for an active quest: it is recorded; if it completes the quest and the user has completions
 * left (duplication), the completion is recorded after it and quest.completed goes out with the quest's reward.
 */
export function decideFact(state: ProgressState, quest: Quest, fact: TriggerFact, now: Date): FactDecision {
  const factEntry: StreamEntry = {
    seq: state.seq + 1,
    type: fact.type,
    at: fact.at,
    recordedAt: now.toISOString(),
    dayKey: fact.dayKey,
    sourceEventId: fact.sourceEventId,
  };
  const afterFact = apply(state, factEntry);
  if (afterFact.completions >= quest.duplication || !completes(quest, afterFact)) {
    return { entries: [factEntry], state: afterFact, events: [] };
  }
  const completion = afterFact.completions + 1;
  const completedAt = now.toISOString();
  const completedEntry: StreamEntry = {
    seq: afterFact.seq + 1,
    type: 'quest_completed',
    at: completedAt,
    recordedAt: completedAt,
    // The streak's day: the latest day of the facts that completed it, not the (later) processing time.
    dayKey: afterFact.streakDays.at(-1) ?? fact.dayKey,
    completion,
  };
  return {
    entries: [factEntry, completedEntry],
    state: apply(afterFact, completedEntry),
    events: [
      outgoing(questCompleted, {
        eventId: completionEventId(fact.userId, quest.questId, completion),
        correlationId: fact.correlationId,
        userId: fact.userId,
        questId: quest.questId,
        questName: quest.name,
        completion,
        completedAt,
        reward: quest.reward,
        autoClaim: quest.autoClaim,
      }),
    ],
  };
}

/** Whether the seq crossing from `before` to `after` passes a multiple of `every`: then a snapshot is taken. */
export function snapshotDue(before: number, after: number, every: number): boolean {
  return every > 0 && Math.floor(before / every) !== Math.floor(after / every);
}

export type QuestStatus = 'in_progress' | 'claimable' | 'claimed' | 'exhausted';

/** What a user sees of a quest: claimable while a completion is not credited yet; exhausted once all are. */
export function statusOf(
  quest: Pick<Quest, 'duplication'>,
  state: Pick<ProgressState, 'completions' | 'sinceCompletion'>,
  credited: number,
): QuestStatus {
  if (state.completions > credited) return 'claimable';
  if (state.completions >= quest.duplication) return 'exhausted';
  if (credited > 0 && state.sinceCompletion === 0) return 'claimed';
  return 'in_progress';
}
