import type { OutgoingEvent } from '../../events/define-event';
import type { Completion } from './domain/completion';
import type { RosterEntry } from './domain/missed-day';

/** What the interactions use cases need of storage; adapters/dynamodb-interactions-store.ts implements it. */
export interface InteractionsStore {
  /**
   * Saves the completion, marks the player active that day and puts its events in the outbox, in one
   * transaction; 'duplicate' (and nothing written) if the template was already completed that day.
   */
  recordCompletion(
    completion: Completion,
    events: readonly OutgoingEvent[],
    now: Date,
  ): Promise<'recorded' | 'duplicate'>;
  getCompletion(userId: string, dayKey: string, templateId: string): Promise<Completion | undefined>;
  completionsOn(userId: string, dayKey: string): Promise<Completion[]>;
  /** Adds a player to the roster; a repeated adoption keeps the first day. */
  addToRoster(entry: RosterEntry): Promise<void>;
  rosterPages(pageSize: number): AsyncIterable<RosterEntry[]>;
  activePlayersOn(dayKey: string): Promise<Set<string>>;
  /** Events that belong to no one state change (the missed-day job's verdicts), straight into the outbox. */
  appendToOutbox(events: readonly OutgoingEvent[], now: Date): Promise<void>;
}
