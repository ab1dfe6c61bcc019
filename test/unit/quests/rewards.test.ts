import { rewardCredited } from '../../../events/quests';
import { ledgerTotals } from '../../../functions/rewards/domain/rewards';
import { claimReward } from '../../../functions/rewards/use-cases/claim-reward';
import { takeCompletion } from '../../../functions/rewards/use-cases/take-completion';
import { InMemoryRewardsStore } from './in-memory';

const USER = 'user-1';
const NOW = new Date('2026-12-03T10:00:00.000Z');

function completed(completion: number, autoClaim = false) {
  return {
    eventId: `quest-completed#${USER}#sign-in-3-times#${completion}`,
    correlationId: 'corr',
    schemaVersion: 1 as const,
    userId: USER,
    questId: 'sign-in-3-times',
    questName: 'Sign in 3 times',
    completion,
    completedAt: NOW.toISOString(),
    reward: autoClaim
      ? { currency: 'gold' as const, amount: 50 }
      : { currency: 'diamond' as const, amount: 10 },
    autoClaim,
  };
}

function setup() {
  const store = new InMemoryRewardsStore();
  store.known.add('sign-in-3-times');
  return { store, deps: { store, now: () => NOW } };
}

const claim = (deps: ReturnType<typeof setup>['deps'], questId = 'sign-in-3-times') =>
  claimReward(deps, { userId: USER, questId, correlationId: 'corr' });

describe('rewards', () => {
  test('an auto-claimed completion is credited at once, with reward.credited in the outbox', async () => {
    const { store, deps } = setup();

    const outcome = await takeCompletion(deps, completed(1, true));

    expect(outcome).toBe('credited');
    expect(await store.wallet(USER)).toEqual(expect.objectContaining({ gold: 50, diamond: 0 }));
    expect(store.outbox.map((e) => [e.definition, e.detail.eventId])).toEqual([
      [rewardCredited, `credited#${USER}#sign-in-3-times#1`],
    ]);
  });

  test('the same auto-claimed completion delivered again credits nothing more', async () => {
    const { store, deps } = setup();

    await takeCompletion(deps, completed(1, true));
    const again = await takeCompletion(deps, completed(1, true));

    expect(again).toBe('duplicate');
    expect((await store.wallet(USER)).gold).toBe(50);
  });

  test('a completion without autoClaim waits for a claim, which credits it (201)', async () => {
    const { store, deps } = setup();
    await takeCompletion(deps, completed(1));
    expect((await store.wallet(USER)).diamond).toBe(0);

    const result = await claim(deps);

    expect(result).toEqual({
      outcome: 'credited',
      entry: expect.objectContaining({ amount: 10, how: 'claim' }),
    });
    expect((await store.wallet(USER)).diamond).toBe(10);
  });

  test('two claims credit two completions and a third has nothing to claim', async () => {
    const { store, deps } = setup();
    await takeCompletion(deps, completed(1));
    await takeCompletion(deps, completed(2));

    const outcomes = [await claim(deps), await claim(deps), await claim(deps)].map((r) => r.outcome);

    expect(outcomes).toEqual(['credited', 'credited', 'nothing-to-claim']);
    expect((await store.wallet(USER)).diamond).toBe(20);
  });

  test('a claim that loses the race for the only completion has nothing to claim', async () => {
    const { store, deps } = setup();
    await takeCompletion(deps, completed(1));
    // The other claim credits the completion between this claim's read and its write.
    store.beforeNextCredit = async () => {
      await claim(deps);
    };

    const late = await claim(deps);

    expect(late.outcome).toBe('nothing-to-claim');
    expect((await store.wallet(USER)).ledger).toHaveLength(1);
  });

  test('a claim of a quest nobody heard of is unknown', async () => {
    const { deps } = setup();

    expect((await claim(deps, 'no-such-quest')).outcome).toBe('unknown-quest');
  });

  test('the balances equal the sum of the ledger after credits of both currencies', async () => {
    const { store, deps } = setup();
    await takeCompletion(deps, completed(1, true));
    await takeCompletion(deps, completed(2));
    await claim(deps);

    const wallet = await store.wallet(USER);

    expect(ledgerTotals(wallet.ledger)).toEqual({ gold: wallet.gold, diamond: wallet.diamond });
  });
});
