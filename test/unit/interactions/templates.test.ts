import { findTemplate, INTERACTION_TEMPLATES } from '../../../functions/interactions/domain/templates';

describe('interaction templates', () => {
  test('finds a template by its id', () => {
    const template = findTemplate('exercise_15m');

    expect(template).toEqual({
      id: 'exercise_15m',
      title: 'Exercise for 15 minutes',
      hpReward: 5,
      xpReward: 10,
    });
  });

  test('finds nothing for an unknown id', () => {
    expect(findTemplate('juggle_chainsaws')).toBeUndefined();
  });

  test('does not match an id by case or prefix', () => {
    expect([findTemplate('Drink_Water'), findTemplate('drink')]).toEqual([undefined, undefined]);
  });

  test('offers the four daily interactions, each with a unique id', () => {
    const ids = INTERACTION_TEMPLATES.map((t) => t.id);

    expect(new Set(ids)).toEqual(new Set(['drink_water', 'exercise_15m', 'study_25m', 'play_10m']));
    expect(ids).toHaveLength(4);
  });
});
