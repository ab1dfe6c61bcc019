import type { OutgoingEvent } from '../../events/define-event';
import type { Completion } from './domain/completion';
import type { RosterEntry } from './domain/missed-day';
import type { MissedDayRun, PageOutcome, PageRecord, RosterPage, RosterRange } from './domain/missed-day-run';

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
  /** Events that belong to no one state change (the missed-day job's verdicts), straight into the outbox. */
  appendToOutbox(events: readonly OutgoingEvent[], now: Date): Promise<void>;
  /** The roster's user ids only, in key order: what a missed-day run is planned from. */
  rosterKeys(): Promise<string[]>;
  /** The roster players in one range of keys (one page of a missed-day run). */
  rosterRange(range: RosterRange): Promise<RosterEntry[]>;
  /** Of the players in a range of roster keys, those who completed something on the day. */
  activeAmong(dayKey: string, range: RosterRange): Promise<Set<string>>;
}

/** Missed-day runs (`RUN#<runId>` items): the run, its pages and their outcomes, and each day's current run. */
export interface MissedDayRuns {
  /** The day's latest run, if any. */
  currentRun(dayKey: string): Promise<MissedDayRun | undefined>;
  /**
   * Saves a new run as the day's current one, unless another run became current since `replacing` was read
   * (false: nothing written; two admins starting a day at once get one run).
   */
  createRun(run: MissedDayRun, replacing: string | undefined): Promise<boolean>;
  run(runId: string): Promise<MissedDayRun | undefined>;
  pages(runId: string): Promise<PageRecord[]>;
  page(runId: string, page: number): Promise<PageRecord | undefined>;
  /** Saves the pages, then marks the run planned; false (and the plan left as it was) if it was planned already. */
  savePlan(runId: string, pages: readonly RosterPage[], now: Date): Promise<boolean>;
  /** Records a page's outcome once: 'already-recorded' (nothing changed) for a replayed page. */
  recordPageOutcome(
    runId: string,
    page: number,
    outcome: PageOutcome,
  ): Promise<'recorded' | 'already-recorded'>;
}

/** The run's work queue: one message to plan a run, one per page to judge. */
export interface MissedDayWork {
  plan(run: Pick<MissedDayRun, 'runId' | 'dayKey'>): Promise<void>;
  judge(run: Pick<MissedDayRun, 'runId' | 'dayKey'>, pages: readonly RosterPage[]): Promise<void>;
}
