import { problemText } from '../api';
import type { Page } from '../context';
import { poll } from '../context';
import { h, replace, say } from '../dom';

interface Pet {
  name: string;
  hp: number;
  xp: number;
  level: number;
  mood: number;
  streak: number;
}
interface Template {
  id: string;
  title: string;
  hpReward: number;
  xpReward: number;
}

/** Your pet and today's interactions: each can be completed once per UTC day; the pet catches up a moment later. */
export const petPage: Page = (root, { api }) => {
  const petCard = h('section', { class: 'card', 'data-testid': 'pet' }, h('h2', {}, 'Your pet'), 'Loading…');
  const todayList = h('ul', { class: 'list', 'data-testid': 'interactions' });
  const message = h('p', { class: 'message', role: 'status' });
  replace(
    root,
    petCard,
    h('section', { class: 'card' }, h('h2', {}, 'Today’s interactions'), todayList, message),
  );
  let stopPolling = () => {};

  const stat = (label: string, value: string, bar?: number) =>
    h(
      'div',
      { class: 'stat' },
      h('div', { class: 'k' }, label),
      h('div', { class: 'v', 'data-testid': `pet-${label.toLowerCase()}` }, value),
      bar === undefined ? null : h('div', { class: 'bar' }, h('span', { style: `width:${bar}%` })),
    );

  const showPet = (pet: Pet) =>
    replace(
      petCard,
      h('h2', {}, pet.name),
      h(
        'div',
        { class: 'stats' },
        stat('HP', `${pet.hp}/100`, pet.hp),
        stat('XP', String(pet.xp), pet.xp % 100),
        stat('Level', String(pet.level)),
        stat('Mood', `${pet.mood}/5`, pet.mood * 20),
        stat('Streak', `${pet.streak} d`),
      ),
    );

  const loadPet = async () => {
    const answer = await api.get<Pet>('/pets/me');
    if (answer.status === 200) showPet(answer.body);
    return answer.body;
  };

  const showToday = (templates: Template[], done: Set<string>) =>
    replace(
      todayList,
      ...templates.map((t) =>
        h(
          'li',
          { 'data-template': t.id },
          h(
            'div',
            { class: 'grow' },
            h('div', {}, t.title),
            h('div', { class: 'muted' }, `+${t.hpReward} HP, +${t.xpReward} XP`),
          ),
          done.has(t.id)
            ? h('span', { class: 'pill done' }, 'Done today')
            : h('button', { class: 'small', onclick: () => complete(t, templates, done) }, 'Complete'),
        ),
      ),
    );

  const complete = async (template: Template, templates: Template[], done: Set<string>) => {
    const before = await loadPet();
    const answer = await api.post('/interactions/complete', { templateId: template.id });
    if (answer.status === 201 || answer.status === 409) {
      done.add(template.id);
      showToday(templates, done);
    }
    if (answer.status !== 201) return say(message, problemText(answer), 'error');
    say(message, `${template.title}: done. Your pet is catching up…`, 'ok');
    // The pet changes when its service has taken the completion from its queue: poll until the XP moved.
    stopPolling();
    stopPolling = poll(
      async () => {
        const pet = await loadPet();
        const moved = pet.xp !== before.xp;
        if (moved) say(message, `${template.title}: done. +${pet.xp - before.xp} XP for ${pet.name}.`, 'ok');
        return moved;
      },
      500,
      15_000,
    );
  };

  void (async () => {
    const [templates, today] = await Promise.all([
      api.get<{ templates: Template[] }>('/interactions/templates'),
      api.get<{ completions: { templateId: string }[] }>('/interactions/today'),
      loadPet(),
    ]);
    showToday(templates.body.templates ?? [], new Set(today.body.completions?.map((c) => c.templateId)));
  })();
  return () => stopPolling();
};
