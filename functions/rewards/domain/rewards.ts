import { type OutgoingEvent, outgoing } from '../../../events/define-event';
import { type QuestCompleted, type Reward, rewardCredited } from '../../../events/quests';

/** One quest completion as the rewards service keeps it: claimable until credited, credited once. */
export interface CompletionRecord {
  userId: string;
  questId: string;
  completion: number;
  reward: Reward;
  completedAt: string;
  status: 'claimable' | 'credited';
  creditedAt?: string;
}

export interface LedgerEntry {
  questId: string;
  completion: number;
  currency: Reward['currency'];
  amount: number;
  creditedAt: string;
  how: 'auto' | 'claim';
}

export interface Credit {
  record: CompletionRecord;
  ledger: LedgerEntry;
  events: OutgoingEvent[];
}

export function creditOf(
  record: CompletionRecord,
  how: 'auto' | 'claim',
  now: Date,
  correlationId: string,
): Credit {
  const creditedAt = now.toISOString();
  return {
    record: { ...record, status: 'credited', creditedAt },
    ledger: {
      questId: record.questId,
      completion: record.completion,
      currency: record.reward.currency,
      amount: record.reward.amount,
      creditedAt,
      how,
    },
    events: [
      outgoing(rewardCredited, {
        eventId: `credited#${record.userId}#${record.questId}#${record.completion}`,
        correlationId,
        userId: record.userId,
        questId: record.questId,
        completion: record.completion,
        currency: record.reward.currency,
        amount: record.reward.amount,
        creditedAt,
        how,
      }),
    ],
  };
}

export type CompletedDecision =
  | { outcome: 'duplicate' }
  | { outcome: 'claimable'; record: CompletionRecord }
  | { outcome: 'credit'; credit: Credit };

/** quest.completed: credited at once when the quest auto-claims, else kept as claimable; a repeat changes nothing. */
export function decideCompleted(
  existing: CompletionRecord | undefined,
  completed: Pick<
    QuestCompleted,
    'userId' | 'questId' | 'completion' | 'reward' | 'completedAt' | 'autoClaim' | 'correlationId'
  >,
  now: Date,
): CompletedDecision {
  if (existing) return { outcome: 'duplicate' };
  const record: CompletionRecord = {
    userId: completed.userId,
    questId: completed.questId,
    completion: completed.completion,
    reward: completed.reward,
    completedAt: completed.completedAt,
    status: 'claimable',
  };
  if (!completed.autoClaim) return { outcome: 'claimable', record };
  return { outcome: 'credit', credit: creditOf(record, 'auto', now, completed.correlationId) };
}

export type ClaimDecision =
  | { outcome: 'unknown-quest' }
  | { outcome: 'nothing-to-claim' }
  | { outcome: 'credit'; credit: Credit };

/** A claim credits the oldest claimable completion of the quest, if there is one. */
export function decideClaim(
  questKnown: boolean,
  claimable: CompletionRecord | undefined,
  now: Date,
  correlationId: string,
): ClaimDecision {
  if (!questKnown) return { outcome: 'unknown-quest' };
  if (!claimable) return { outcome: 'nothing-to-claim' };
  return { outcome: 'credit', credit: creditOf(claimable, 'claim', now, correlationId) };
}

export interface Wallet {
  gold: number;
  diamond: number;
  ledger: LedgerEntry[];
}

/** The balances the ledger adds up to: the wallet's balances must always equal these. */
export function ledgerTotals(ledger: readonly LedgerEntry[]): { gold: number; diamond: number } {
  const totals = { gold: 0, diamond: 0 };
  for (const entry of ledger) totals[entry.currency] += entry.amount;
  return totals;
}
