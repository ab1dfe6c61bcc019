import type { Quest } from '../../events/quests';
import type { CompletionRecord, Credit, Wallet } from './domain/rewards';

/** The rewards table: completions, the wallet and its ledger, the quests it has heard of, the outbox. */
export interface RewardsStore {
  getCompletion(userId: string, questId: string, completion: number): Promise<CompletionRecord | undefined>;
  /** Keeps a claimable completion; 'duplicate' (nothing written) if this completion is known already. */
  saveClaimable(record: CompletionRecord): Promise<'saved' | 'duplicate'>;
  /**
   * One transaction: the completion becomes credited (from claimable, or new when `from` is 'new'), the wallet
   * grows by the reward, one ledger entry is added, and the events go to the outbox; 'conflict' if the
   * completion was not in the expected state (another claim or delivery came first), and nothing is written.
   */
  credit(credit: Credit, from: 'new' | 'claimable', now: Date): Promise<'credited' | 'conflict'>;
  oldestClaimable(userId: string, questId: string): Promise<CompletionRecord | undefined>;
  rememberQuest(quest: Pick<Quest, 'questId' | 'name' | 'version'>): Promise<void>;
  questKnown(questId: string): Promise<boolean>;
  wallet(userId: string): Promise<Wallet>;
}
