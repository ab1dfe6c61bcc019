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

  const load = async () => {
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
          q.status === 'claimable'
            ? h('button', { class: 'small', onclick: () => claim(q) }, 'Claim')
            : h(
                'span',
                { class: q.status === 'in_progress' ? 'pill' : 'pill done' },
                q.status.replace('_', ' '),
              ),
        );
      }),
    );
  };

  const claim = async (quest: MyQuest) => {
    const answer = await api.post(`/quests/${quest.questId}/claim`, {});
    if (answer.status >= 300) say(message, problemText(answer), 'error');
    else say(message, `Claimed ${quest.reward.amount} ${quest.reward.currency}.`, 'ok');
    await load();
  };

  void load();
  return () => {};
};
