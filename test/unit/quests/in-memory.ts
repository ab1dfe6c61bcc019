import type { OutgoingEvent } from '../../../events/define-event';
import type { Quest } from '../../../events/quests';
import type { Account } from '../../../functions/auth/domain/sign-in';
import { type FailureRecord, withoutOneFailure } from '../../../functions/auth/domain/throttle';
import type {
  AuthStore,
  FailureUpdate,
  IdentityProvider,
  PasswordSignInResult,
  ThrottleKey,
} from '../../../functions/auth/ports';
import type { ProgressState, StreamEntry } from '../../../functions/quest-progress/domain/progress';
import type {
  Append,
  CatalogProjection,
  ProgressStore,
  QuestCatalog,
} from '../../../functions/quest-progress/ports';
import type {
  CompletionRecord,
  Credit,
  LedgerEntry,
  Wallet,
} from '../../../functions/rewards/domain/rewards';
import type { RewardsStore } from '../../../functions/rewards/ports';

const copy = <T>(value: T): T => structuredClone(value);

/** The progress table in memory, with the same conditions as the DynamoDB adapter. */
export class InMemoryProgressStore implements ProgressStore {
  readonly statesByKey = new Map<string, ProgressState>();
  readonly streams = new Map<string, StreamEntry[]>();
  readonly snapshots = new Map<string, ProgressState[]>();
  readonly seen = new Set<string>();
  readonly creditsByKey = new Set<string>();
  readonly outbox: OutgoingEvent[] = [];
  /** Runs before the next append's condition check once: a writer that came first. */
  beforeNextAppend: (() => void) | undefined;

  async getState(userId: string, questId: string) {
    const state = this.statesByKey.get(`${userId}/${questId}`);
    return state && copy(state);
  }
  async hasSeen(userId: string, questId: string, sourceEventId: string) {
    return this.seen.has(`${userId}/${questId}/${sourceEventId}`);
  }
  async append(append: Append): Promise<'appended' | 'conflict'> {
    const hook = this.beforeNextAppend;
    this.beforeNextAppend = undefined;
    hook?.();
    const key = `${append.userId}/${append.questId}`;
    const current = this.statesByKey.get(key)?.seq ?? 0;
    const stream = this.streams.get(key) ?? [];
    if (current !== append.expectedSeq) return 'conflict';
    if (append.entries.some((e) => stream.some((s) => s.seq === e.seq))) return 'conflict';
    if (this.seen.has(`${key}/${append.sourceEventId}`)) return 'conflict';
    this.statesByKey.set(key, copy(append.state));
    this.streams.set(key, [...stream, ...copy(append.entries)]);
    this.seen.add(`${key}/${append.sourceEventId}`);
    if (append.snapshot) this.snapshots.set(key, [...(this.snapshots.get(key) ?? []), copy(append.state)]);
    this.outbox.push(...append.events);
    return 'appended';
  }
  async states(userId: string) {
    return [...this.statesByKey.values()].filter((s) => s.userId === userId).map(copy);
  }
  async *entries(userId: string, questId: string, afterSeq = 0) {
    const all = (this.streams.get(`${userId}/${questId}`) ?? []).filter((e) => e.seq > afterSeq);
    for (let i = 0; i < all.length; i += 100) yield copy(all.slice(i, i + 100));
  }
  async userEntries(userId: string, limit: number) {
    return [...this.streams.entries()]
      .filter(([key]) => key.startsWith(`${userId}/`))
      .flatMap(([key, entries]) => entries.map((e) => ({ ...copy(e), questId: key.split('/')[1]! })))
      .slice(0, limit);
  }
  async latestSnapshot(userId: string, questId: string) {
    const snapshot = this.snapshots.get(`${userId}/${questId}`)?.at(-1);
    return snapshot && copy(snapshot);
  }
  async recordCredit(userId: string, questId: string, completion: number) {
    this.creditsByKey.add(`${userId}/${questId}/${completion}`);
  }
  async credits(userId: string) {
    const counts = new Map<string, number>();
    for (const key of this.creditsByKey) {
      const [user, quest] = key.split('/');
      if (user === userId) counts.set(quest!, (counts.get(quest!) ?? 0) + 1);
    }
    return counts;
  }
}

/** The catalog as the use cases read it, without a cache: what the test put there. */
export class FixedCatalog implements QuestCatalog {
  constructor(public list: Quest[]) {}
  async quests() {
    return this.list;
  }
  invalidate() {}
}

/** The progress service's copy of the catalog in memory, counting its reads. */
export class InMemoryCatalogProjection implements CatalogProjection {
  readonly byId = new Map<string, Quest>();
  version = 0;
  versionReads = 0;
  questReads = 0;
  async applyQuest(quest: Quest): Promise<'applied' | 'stale'> {
    const existing = this.byId.get(quest.questId);
    const applied = !existing || existing.version < quest.version;
    if (applied) {
      this.byId.set(quest.questId, quest);
      this.version += 1;
    }
    return applied ? 'applied' : 'stale';
  }
  async catalogVersion() {
    this.versionReads++;
    return this.version;
  }
  async quests() {
    this.questReads++;
    return [...this.byId.values()];
  }
}

/** The rewards table in memory, with the adapter's conditions. */
export class InMemoryRewardsStore implements RewardsStore {
  readonly completions = new Map<string, CompletionRecord>();
  readonly wallets = new Map<string, { gold: number; diamond: number; ledger: LedgerEntry[] }>();
  readonly known = new Set<string>();
  readonly outbox: OutgoingEvent[] = [];
  /** Runs before the next credit's condition check once: another claim that came first. */
  beforeNextCredit: (() => Promise<void>) | undefined;

  private key(userId: string, questId: string, completion: number) {
    return `${userId}/${questId}/${completion}`;
  }
  async getCompletion(userId: string, questId: string, completion: number) {
    const record = this.completions.get(this.key(userId, questId, completion));
    return record && copy(record);
  }
  async saveClaimable(record: CompletionRecord): Promise<'saved' | 'duplicate'> {
    const key = this.key(record.userId, record.questId, record.completion);
    if (this.completions.has(key)) return 'duplicate';
    this.completions.set(key, copy(record));
    return 'saved';
  }
  async credit(credit: Credit, from: 'new' | 'claimable'): Promise<'credited' | 'conflict'> {
    const hook = this.beforeNextCredit;
    this.beforeNextCredit = undefined;
    await hook?.();
    const { record, ledger } = credit;
    const key = this.key(record.userId, record.questId, record.completion);
    const existing = this.completions.get(key);
    if (from === 'new' ? existing !== undefined : existing?.status !== 'claimable') return 'conflict';
    const wallet = this.wallets.get(record.userId) ?? { gold: 0, diamond: 0, ledger: [] };
    if (wallet.ledger.some((e) => e.questId === ledger.questId && e.completion === ledger.completion)) {
      return 'conflict';
    }
    this.completions.set(key, copy(record));
    wallet[ledger.currency] += ledger.amount;
    wallet.ledger.push(copy(ledger));
    this.wallets.set(record.userId, wallet);
    this.outbox.push(...credit.events);
    return 'credited';
  }
  async oldestClaimable(userId: string, questId: string) {
    const found = [...this.completions.values()]
      .filter((r) => r.userId === userId && r.questId === questId && r.status === 'claimable')
      .sort((a, b) => a.completion - b.completion)[0];
    return found && copy(found);
  }
  async rememberQuest(quest: Pick<Quest, 'questId'>) {
    this.known.add(quest.questId);
  }
  async questKnown(questId: string) {
    return this.known.has(questId);
  }
  async wallet(userId: string): Promise<Wallet> {
    return copy(this.wallets.get(userId) ?? { gold: 0, diamond: 0, ledger: [] });
  }
}

/** The sign-in table in memory. */
export class InMemoryAuthStore implements AuthStore {
  readonly failureRecords = new Map<string, FailureRecord>();
  /** Runs once, just before the next saveFailures compares: another attempt landing first. */
  beforeNextFailureSave: (() => void) | undefined;
  readonly accounts = new Map<string, Account>();
  readonly outbox: OutgoingEvent[] = [];
  beforeNextSave: (() => void) | undefined;

  static keyOf(key: ThrottleKey) {
    return key.kind === 'address' ? `address/${key.address}` : `${key.username}/${key.address}`;
  }
  async failures(key: ThrottleKey) {
    const record = this.failureRecords.get(InMemoryAuthStore.keyOf(key));
    return record && { ...record };
  }
  async saveFailures(updates: readonly FailureUpdate[]) {
    const hook = this.beforeNextFailureSave;
    this.beforeNextFailureSave = undefined;
    hook?.();
    const same = (a: FailureRecord | undefined, b: FailureRecord | undefined) =>
      a?.failures === b?.failures && a?.lastFailureAt === b?.lastFailureAt;
    if (!updates.every((u) => same(this.failureRecords.get(InMemoryAuthStore.keyOf(u.key)), u.expected))) {
      return 'conflict' as const;
    }
    for (const u of updates) this.failureRecords.set(InMemoryAuthStore.keyOf(u.key), { ...u.next });
    return 'saved' as const;
  }
  async forgive(key: ThrottleKey, all: boolean) {
    const id = InMemoryAuthStore.keyOf(key);
    const record = this.failureRecords.get(id);
    if (!record) return;
    if (all) this.failureRecords.delete(id);
    else if (record.failures > 0) this.failureRecords.set(id, withoutOneFailure(record));
  }
  async getAccount(userId: string) {
    const account = this.accounts.get(userId);
    return account && copy(account);
  }
  async saveSignIn(account: Account, expectedSignIns: number | undefined, events: readonly OutgoingEvent[]) {
    const hook = this.beforeNextSave;
    this.beforeNextSave = undefined;
    hook?.();
    const stored = this.accounts.get(account.userId);
    if (stored?.signIns !== expectedSignIns) return 'conflict' as const;
    this.accounts.set(account.userId, copy(account));
    this.outbox.push(...events);
    return 'saved' as const;
  }
}

/** A user pool with one user per username and password. */
export class FakeIdentityProvider implements IdentityProvider {
  calls = 0;
  /** The pool rate-limits the next call (TooManyRequestsException). */
  busyNext = false;
  constructor(private readonly users: Record<string, { password: string; userId: string }>) {}
  async passwordSignIn(username: string, password: string): Promise<PasswordSignInResult> {
    this.calls++;
    if (this.busyNext) {
      this.busyNext = false;
      return { outcome: 'busy', retryAfterSeconds: 5 };
    }
    const user = this.users[username];
    if (!user || user.password !== password) return { outcome: 'rejected' };
    return {
      outcome: 'signed-in',
      userId: user.userId,
      username,
      tokens: {
        accessToken: `access-${username}`,
        idToken: `id-${username}`,
        expiresIn: 3600,
        tokenType: 'Bearer',
      },
    };
  }
}

export function quest(overrides: Partial<Quest> = {}): Quest {
  return {
    questId: 'sign-in-3-times',
    name: 'Sign in 3 times',
    description: '',
    trigger: 'user.signed_in',
    kind: 'count',
    target: 3,
    duplication: 2,
    reward: { currency: 'diamond', amount: 10 },
    autoClaim: false,
    active: true,
    version: 1,
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}
