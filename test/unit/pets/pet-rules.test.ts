import { applyEvent, levelFor, NEW_PET_STATS, type PetStats } from '../../../functions/pets/domain/pet';
import { completed, missed } from './pet-event-builders';

const stats = (overrides: Partial<PetStats>): PetStats => ({
  hp: 100,
  xp: 0,
  level: 1,
  mood: 5,
  streak: 0,
  lastActiveDay: null,
  ...overrides,
});

describe('a new pet', () => {
  test('starts with 100 HP, 0 XP, level 1, mood 5, no streak and no active day', () => {
    // Prepare / Act: nothing to do, the constant is the rule.
    // Assess
    expect(NEW_PET_STATS).toEqual({ hp: 100, xp: 0, level: 1, mood: 5, streak: 0, lastActiveDay: null });
  });
});

describe('interaction.completed', () => {
  test('adds the hpDelta to HP', () => {
    // Prepare
    const before = stats({ hp: 50 });

    // Act
    const after = applyEvent(before, completed('2026-11-22', '08:00:00.000', { hpDelta: 7 }));

    // Assess
    expect(after.hp).toBe(57);
  });

  test('never lifts HP above 100', () => {
    const before = stats({ hp: 98 });

    const after = applyEvent(before, completed('2026-11-22', '08:00:00.000', { hpDelta: 5 }));

    expect(after.hp).toBe(100);
  });

  test('adds the xpReward to XP', () => {
    const before = stats({ xp: 30 });

    const after = applyEvent(before, completed('2026-11-22', '08:00:00.000', { xpReward: 25 }));

    expect(after.xp).toBe(55);
  });

  test('raises the level to 2 when XP reaches exactly 100', () => {
    const before = stats({ xp: 90, level: 1 });

    const after = applyEvent(before, completed('2026-11-22', '08:00:00.000', { xpReward: 10 }));

    expect(after.level).toBe(2);
  });

  test('keeps level 1 at 99 XP', () => {
    const before = stats({ xp: 89, level: 1 });

    const after = applyEvent(before, completed('2026-11-22', '08:00:00.000', { xpReward: 10 }));

    expect(after.level).toBe(1);
  });

  test('raises mood by 1 on the first completion of a UTC day', () => {
    const before = stats({ mood: 3, lastActiveDay: '2026-11-21' });

    const after = applyEvent(before, completed('2026-11-22'));

    expect(after.mood).toBe(4);
  });

  test('never raises mood above 5', () => {
    const before = stats({ mood: 5, lastActiveDay: '2026-11-21' });

    const after = applyEvent(before, completed('2026-11-22'));

    expect(after.mood).toBe(5);
  });

  test('does not raise mood on a second completion the same day', () => {
    const before = stats({ mood: 3, streak: 2, lastActiveDay: '2026-11-22' });

    const after = applyEvent(before, completed('2026-11-22', '18:00:00.000', { templateId: 'study_25m' }));

    expect(after.mood).toBe(3);
  });

  test('does not change the streak on a second completion the same day', () => {
    const before = stats({ mood: 3, streak: 2, lastActiveDay: '2026-11-22' });

    const after = applyEvent(before, completed('2026-11-22', '18:00:00.000', { templateId: 'study_25m' }));

    expect(after.streak).toBe(2);
  });

  test('still adds HP and XP on a second completion the same day', () => {
    const before = stats({ hp: 60, xp: 10, lastActiveDay: '2026-11-22' });

    const after = applyEvent(before, completed('2026-11-22', '18:00:00.000', { templateId: 'study_25m' }));

    expect({ hp: after.hp, xp: after.xp }).toEqual({ hp: 65, xp: 20 });
  });

  test('starts a streak of 1 on the first completion ever', () => {
    const after = applyEvent(NEW_PET_STATS, completed('2026-11-22'));

    expect(after.streak).toBe(1);
  });

  test('continues the streak when the player was active the day before', () => {
    const before = stats({ streak: 2, lastActiveDay: '2026-11-21' });

    const after = applyEvent(before, completed('2026-11-22'));

    expect(after.streak).toBe(3);
  });

  test('restarts the streak at 1 after a day without activity', () => {
    const before = stats({ streak: 4, lastActiveDay: '2026-11-20' });

    const after = applyEvent(before, completed('2026-11-22'));

    expect(after.streak).toBe(1);
  });

  test.each([
    ['a month boundary', '2026-11-30', '2026-12-01'],
    ['a year boundary', '2026-12-31', '2027-01-01'],
    ['the eve of a leap day', '2028-02-28', '2028-02-29'],
    ['a leap day', '2028-02-29', '2028-03-01'],
    ['the end of February in a common year', '2027-02-28', '2027-03-01'],
  ])('continues the streak across %s', (_label, yesterday, today) => {
    const before = stats({ streak: 6, lastActiveDay: yesterday });

    const after = applyEvent(before, completed(today));

    expect(after.streak).toBe(7);
  });

  test('does not count 2027-02-28 as the day before 2027-03-02', () => {
    const before = stats({ streak: 6, lastActiveDay: '2027-02-28' });

    const after = applyEvent(before, completed('2027-03-02'));

    expect(after.streak).toBe(1);
  });

  test('records the day as the last active day', () => {
    const before = stats({ lastActiveDay: '2026-11-20' });

    const after = applyEvent(before, completed('2026-11-22'));

    expect(after.lastActiveDay).toBe('2026-11-22');
  });

  test('does not change the stats it was given', () => {
    const before = stats({ hp: 50, mood: 2, lastActiveDay: '2026-11-21' });
    const copy = { ...before };

    applyEvent(before, completed('2026-11-22'));

    expect(before).toEqual(copy);
  });
});

describe('interaction.missed', () => {
  test('takes 10 HP', () => {
    const before = stats({ hp: 75 });

    const after = applyEvent(before, missed('2026-11-22'));

    expect(after.hp).toBe(65);
  });

  test('never takes HP below 0', () => {
    const before = stats({ hp: 4 });

    const after = applyEvent(before, missed('2026-11-22'));

    expect(after.hp).toBe(0);
  });

  test('lowers mood by 1', () => {
    const before = stats({ mood: 4 });

    const after = applyEvent(before, missed('2026-11-22'));

    expect(after.mood).toBe(3);
  });

  test('never lowers mood below 0', () => {
    const before = stats({ mood: 0 });

    const after = applyEvent(before, missed('2026-11-22'));

    expect(after.mood).toBe(0);
  });

  test('resets the streak to 0', () => {
    const before = stats({ streak: 9, lastActiveDay: '2026-11-21' });

    const after = applyEvent(before, missed('2026-11-22'));

    expect(after.streak).toBe(0);
  });

  test('leaves XP, level and the last active day alone', () => {
    const before = stats({ xp: 240, level: 3, lastActiveDay: '2026-11-21' });

    const after = applyEvent(before, missed('2026-11-22'));

    expect({ xp: after.xp, level: after.level, lastActiveDay: after.lastActiveDay }).toEqual({
      xp: 240,
      level: 3,
      lastActiveDay: '2026-11-21',
    });
  });
});

describe('levelFor', () => {
  test.each([
    [0, 1],
    [99, 1],
    [100, 2],
    [199, 2],
    [250, 3],
    [1000, 11],
  ])('gives %i XP level %i', (xp, level) => {
    expect(levelFor(xp)).toBe(level);
  });
});
