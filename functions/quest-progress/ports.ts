import type { OutgoingEvent } from '../../events/define-event';
import type { Quest } from '../../events/quests';
import type { ProgressState, StreamEntry } from './domain/progress';

export interface Append {
  userId: string;
  questId: string;
  /** The state's seq the append is conditional on: two writers never both append the same seq. */
  expectedSeq: number;
  entries: StreamEntry[];
  state: ProgressState;
  /** The fact's source event: recorded once per quest, so a redelivered event never progresses twice. */
  sourceEventId: string;
  /** A snapshot of `state` to keep beside the stream, when one is due. */
  snapshot: boolean;
  events: readonly OutgoingEvent[];
}

/** The progress streams, their folded states and snapshots, and the credits the rewards service reported. */
export interface ProgressStore {
  getState(userId: string, questId: string): Promise<ProgressState | undefined>;
  hasSeen(userId: string, questId: string, sourceEventId: string): Promise<boolean>;
  /** Appends the entries, saves the state (and its snapshot) and the events' outbox items in one transaction. */
  append(append: Append, now: Date): Promise<'appended' | 'conflict'>;
  states(userId: string): Promise<ProgressState[]>;
  /** A quest stream's entries after `afterSeq`, oldest first, page by page. */
  entries(userId: string, questId: string, afterSeq?: number): AsyncIterable<StreamEntry[]>;
  /** Every entry of the user's streams (at most `limit`), by quest then seq. */
  userEntries(userId: string, limit: number): Promise<(StreamEntry & { questId: string })[]>;
  latestSnapshot(userId: string, questId: string): Promise<ProgressState | undefined>;
  recordCredit(userId: string, questId: string, completion: number, creditedAt: string): Promise<void>;
  credits(userId: string): Promise<Map<string, number>>;
}

/** The service's copy of the catalog, kept from quest.updated, with the catalog's version. */
export interface CatalogProjection {
  /** Keeps the quest unless a newer version of it is already there; each change kept raises the copy's version. */
  applyQuest(quest: Quest): Promise<'applied' | 'stale'>;
  /** Grows by one with every change this copy took in, whatever order the changes arrived in. */
  catalogVersion(): Promise<number>;
  quests(): Promise<Quest[]>;
}

/** The catalog as the use cases read it: through the in-function cache (adapters/cached-catalog.ts). */
export interface QuestCatalog {
  quests(): Promise<Quest[]>;
  /** Drops what this worker holds; the next read loads again. */
  invalidate(): void;
}
