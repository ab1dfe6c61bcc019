import { type ClaimDecision, decideClaim, type LedgerEntry } from '../domain/rewards';
import type { RewardsStore } from '../ports';

export type ClaimResult =
  | Exclude<ClaimDecision, { outcome: 'credit' }>
  | { outcome: 'credited'; entry: LedgerEntry };

const MAX_ROUNDS = 10;

/**
 * POST /quests/{questId}/claim: credits the caller's oldest claimable completion of the quest. Two claims at once
 * both pick it; the transaction's condition lets one through, and the other looks again (the next completion,
 * or nothing to claim). The caller is the token's user, so nobody claims another user's completion.
 */
export async function claimReward(
  deps: { store: RewardsStore; now: () => Date },
  input: { userId: string; questId: string; correlationId: string },
): Promise<ClaimResult> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [known, claimable] = await Promise.all([
      deps.store.questKnown(input.questId),
      deps.store.oldestClaimable(input.userId, input.questId),
    ]);
    const now = deps.now();
    const decision = decideClaim(known || claimable !== undefined, claimable, now, input.correlationId);
    if (decision.outcome !== 'credit') return decision;
    if ((await deps.store.credit(decision.credit, 'claimable', now)) === 'credited') {
      return { outcome: 'credited', entry: decision.credit.ledger };
    }
  }
  throw new Error(`claim of ${input.questId} by ${input.userId}: lost ${MAX_ROUNDS} races`);
}
