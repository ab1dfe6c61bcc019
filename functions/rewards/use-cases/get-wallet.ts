import type { Wallet } from '../domain/rewards';
import type { RewardsStore } from '../ports';

/** GET /wallet: the balances and every credit that made them, oldest first. */
export async function getWallet(deps: { store: RewardsStore }, userId: string): Promise<Wallet> {
  const wallet = await deps.store.wallet(userId);
  return {
    ...wallet,
    ledger: [...wallet.ledger].sort((a, b) => a.creditedAt.localeCompare(b.creditedAt)),
  };
}
