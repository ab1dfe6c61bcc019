import type { OutgoingEvent } from '../../../events/define-event';
import type { Completion } from '../../../functions/interactions/domain/completion';
import type { RosterEntry } from '../../../functions/interactions/domain/missed-day';
import type {
  MissedDayRun,
  PageOutcome,
  PageRecord,
  RosterPage,
  RosterRange,
} from '../../../functions/interactions/domain/missed-day-run';
import type { InteractionsStore, MissedDayRuns, MissedDayWork } from '../../../functions/interactions/ports';
import { checkedDetail } from '../../../shared/messaging/outbox';

const inRange = (range: RosterRange) => (key: string) =>
  (range.after === undefined || key > range.after) && (range.last === undefined || key <= range.last);

/** The roster, the active players and the outbox in memory, in key order as the table keeps them. */
export class InMemoryInteractionsStore implements InteractionsStore {
  readonly roster = new Map<string, RosterEntry>();
  readonly active = new Map<string, Set<string>>();
  /** Every outbox write, in order, checked against its contract (a rewrite of an id is a second entry). */
  readonly outbox: { eventId: string; detailType: string; userId: string }[] = [];

  constructor(state: { roster?: RosterEntry[]; active?: Record<string, string[]> } = {}) {
    for (const entry of state.roster ?? []) this.roster.set(entry.userId, entry);
    for (const [day, users] of Object.entries(state.active ?? {})) this.active.set(day, new Set(users));
  }

  private sortedRoster(): RosterEntry[] {
    return [...this.roster.values()].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  }

  async recordCompletion(): Promise<'recorded' | 'duplicate'> {
    throw new Error('not used by the missed-day run');
  }
  async getCompletion(): Promise<Completion | undefined> {
    throw new Error('not used by the missed-day run');
  }
  async completionsOn(): Promise<Completion[]> {
    throw new Error('not used by the missed-day run');
  }
  async addToRoster(entry: RosterEntry): Promise<void> {
    if (!this.roster.has(entry.userId)) this.roster.set(entry.userId, entry);
  }
  async *rosterPages(pageSize: number): AsyncGenerator<RosterEntry[]> {
    const all = this.sortedRoster();
    for (let i = 0; i < all.length; i += pageSize) yield all.slice(i, i + pageSize);
  }
  async activePlayersOn(dayKey: string): Promise<Set<string>> {
    return new Set(this.active.get(dayKey) ?? []);
  }
  async appendToOutbox(events: readonly OutgoingEvent[]): Promise<void> {
    await Promise.resolve();
    for (const event of events) {
      const detail = checkedDetail(event.definition, event.detail);
      this.outbox.push({
        eventId: String(detail.eventId),
        detailType: event.definition.detailType,
        userId: String(detail.userId),
      });
    }
  }
  async rosterKeys(): Promise<string[]> {
    await Promise.resolve();
    return this.sortedRoster().map((entry) => entry.userId);
  }
  async rosterRange(range: RosterRange): Promise<RosterEntry[]> {
    await Promise.resolve();
    return this.sortedRoster().filter((entry) => inRange(range)(entry.userId));
  }
  async activeAmong(dayKey: string, range: RosterRange): Promise<Set<string>> {
    return new Set([...(this.active.get(dayKey) ?? [])].filter(inRange(range)));
  }
}

/** Runs and pages in memory, keeping the adapter's promises: one current run a day, a page's outcome once. */
export class InMemoryMissedDayRuns implements MissedDayRuns {
  readonly runs = new Map<string, MissedDayRun>();
  readonly pagesByRun = new Map<string, Map<number, PageRecord>>();
  readonly current = new Map<string, string>();

  async currentRun(dayKey: string): Promise<MissedDayRun | undefined> {
    const runId = this.current.get(dayKey);
    return runId ? this.run(runId) : undefined;
  }
  async createRun(run: MissedDayRun, replacing: string | undefined): Promise<boolean> {
    await Promise.resolve();
    if (this.runs.has(run.runId) || this.current.get(run.dayKey) !== replacing) return false;
    this.runs.set(run.runId, { ...run });
    this.current.set(run.dayKey, run.runId);
    return true;
  }
  async run(runId: string): Promise<MissedDayRun | undefined> {
    const run = this.runs.get(runId);
    return run ? { ...run } : undefined;
  }
  async pages(runId: string): Promise<PageRecord[]> {
    return [...(this.pagesByRun.get(runId)?.values() ?? [])]
      .sort((a, b) => a.page - b.page)
      .map((page) => structuredClone(page));
  }
  async page(runId: string, page: number): Promise<PageRecord | undefined> {
    const record = this.pagesByRun.get(runId)?.get(page);
    return record ? structuredClone(record) : undefined;
  }
  async savePlan(runId: string, pages: readonly RosterPage[], now: Date): Promise<boolean> {
    const run = this.runs.get(runId);
    if (!run || run.pagesTotal !== undefined) return false;
    const stored = this.pagesByRun.get(runId) ?? new Map<number, PageRecord>();
    for (const page of pages) stored.set(page.page, { ...page });
    this.pagesByRun.set(runId, stored);
    this.runs.set(runId, { ...run, pagesTotal: pages.length, plannedAt: now.toISOString() });
    return true;
  }
  async recordPageOutcome(
    runId: string,
    page: number,
    outcome: PageOutcome,
  ): Promise<'recorded' | 'already-recorded'> {
    await Promise.resolve();
    const record = this.pagesByRun.get(runId)?.get(page);
    if (!record || record.outcome) return 'already-recorded';
    record.outcome = { ...outcome };
    return 'recorded';
  }
}

export type WorkMessage =
  | { kind: 'plan'; runId: string; dayKey: string }
  | ({ kind: 'page'; runId: string; dayKey: string } & RosterPage);

/** The run's queue in memory: what was sent, in order, for a test to deliver (or deliver twice). */
export class InMemoryMissedDayWork implements MissedDayWork {
  readonly sent: WorkMessage[] = [];

  async plan(run: Pick<MissedDayRun, 'runId' | 'dayKey'>): Promise<void> {
    this.sent.push({ kind: 'plan', runId: run.runId, dayKey: run.dayKey });
  }
  async judge(run: Pick<MissedDayRun, 'runId' | 'dayKey'>, pages: readonly RosterPage[]): Promise<void> {
    for (const page of pages) this.sent.push({ kind: 'page', runId: run.runId, dayKey: run.dayKey, ...page });
  }
  take(): WorkMessage[] {
    return this.sent.splice(0, this.sent.length);
  }
}
