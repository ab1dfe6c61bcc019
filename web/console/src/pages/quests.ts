import { problemText } from '../api';
import type { Page } from '../context';
import { h, replace, say } from '../dom';

interface MyQuest {
  questId: string;
  name: string;
  description: string;
  target: number;
  progress: number;
  reward: { currency: string; amount: number };
  status: 'in_progress' | 'claimable' | 'claimed' | 'exhausted';
}
interface Wallet {
  gold: number;
  diamond: number;
}

/** Quests with their progress (claim what is claimable) and the wallet the rewards go to. */
export const questsPage: Page = (root, { api }) => {
  const wallet = h('div', { class: 'stats', 'data-testid': 'wallet' });
  const list = h('ul', { class: 'list', 'data-testid': 'quests' });
  const message = h('p', { class: 'message', role: 'status' });
  replace(
    root,
    h('section', { class: 'card' }, h('h2', {}, 'Wallet'), wallet),
    h('section', { class: 'card' }, h('h2', {}, 'Quests'), list, message),
  );

  /**
   * Quests just claimed, with how many credits the page saw before: their status comes from the progress service,
   * which hears of a credit a moment later (reward.credited), so until it has the page shows "claiming", not a
   * Claim button that would only answer 409.
   */
  const claiming = new Map<string, number>();

  const load = async (): Promise<MyQuest[]> => {
    const [quests, money] = await Promise.all([
      api.get<{ quests: MyQuest[] }>('/quests/me'),
      api.get<Wallet>('/wallet'),
    ]);
    replace(
      wallet,
      h(
        'div',
        { class: 'stat' },
        h('div', { class: 'k' }, 'Gold'),
        h('div', { class: 'v', 'data-testid': 'wallet-gold' }, String(money.body.gold ?? 0)),
      ),
      h(
        'div',
        { class: 'stat' },
        h('div', { class: 'k' }, 'Diamonds'),
        h('div', { class: 'v', 'data-testid': 'wallet-diamond' }, String(money.body.diamond ?? 0)),
      ),
    );
    const items = quests.body.quests ?? [];
    replace(
      list,
      ...(items.length === 0 ? [h('li', { class: 'muted' }, 'No quests right now.')] : []),
      ...items.map((q) => {
        // `progress` counts towards the next completion (0 right after one): a completed quest shows full.
        const done =
          q.status === 'claimable' || q.status === 'exhausted' ? q.target : Math.min(q.progress, q.target);
        return h(
          'li',
          { 'data-quest': q.questId, 'data-status': q.status },
          h(
            'div',
            { class: 'grow' },
            h('strong', { 'data-testid': 'quest-name' }, q.name),
            h('div', { class: 'muted' }, q.description),
            h('div', { class: 'muted' }, `${done}/${q.target} · ${q.reward.amount} ${q.reward.currency}`),
            h(
              'div',
              { class: 'bar' },
              h('span', { style: `width:${(100 * done) / Math.max(1, q.target)}%` }),
            ),
          ),
          claiming.has(q.questId)
            ? h('span', { class: 'pill', 'data-testid': 'claiming' }, 'claiming…')
            : q.status === 'claimable'
              ? h('button', { class: 'small', onclick: (e: Event) => claim(q, e.currentTarget) }, 'Claim')
              : h(
                  'span',
                  { class: q.status === 'in_progress' ? 'pill' : 'pill done' },
                  q.status.replace('_', ' '),
                ),
        );
      }),
    );
    return items;
  };

  const claim = async (quest: MyQuest, button: EventTarget | null) => {
    if (button instanceof HTMLButtonElement) button.disabled = true;
    const answer = await api.post(`/quests/${quest.questId}/claim`, {});
    if (answer.status >= 300) {
      say(message, problemText(answer), 'error');
      await load();
      return;
    }
    // Until progress has heard of the credit (the status or progress moves) or 5 s have passed: no second Claim.
    claiming.set(quest.questId, Date.now());
    let quests = await load();
    say(message, `Claimed ${quest.reward.amount} ${quest.reward.currency}.`, 'ok');
    for (;;) {
      const now = quests.find((q) => q.questId === quest.questId);
      const moved = now?.status !== 'claimable' || now.progress !== quest.progress;
      if (moved || Date.now() - (claiming.get(quest.questId) ?? 0) > 5_000) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
      quests = await load();
    }
    claiming.delete(quest.questId);
    await load();
  };

  void load();
  return () => {};
};
