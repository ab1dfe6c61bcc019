import { runMissedDay } from '../../scripts/lib/missed-day';
import { isOnRoster } from '../../scripts/lib/roster';
import { testClockOf } from '../../scripts/lib/test-clock';
import { addDays, dayKeyOf } from '../../shared/time';
import type { ErrorView, HistoryView, PetView } from '../support/pet-views';
import { eventually, newPlayer, outputs, type Player, queuesSettled } from '../support/platform';

jest.setTimeout(90_000);

const today = () => dayKeyOf(new Date());
const pet = async (player: Player) => (await player.api.get<PetView>('/pets/me')).body;
const history = async (player: Player) =>
  (await player.api.get<HistoryView>('/pets/me/history')).body.history;

describe('a day in the pet game, through API Gateway with real tokens', () => {
  let carer: Player;
  let slacker: Player;

  beforeAll(async () => {
    [carer, slacker] = await Promise.all([newPlayer(), newPlayer()]);
  });

  test('a new player’s pet is Mochi with full HP, no XP, level 1, mood 5 and no streak', async () => {
    const response = await carer.api.get<PetView>('/pets/me');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'Mochi', hp: 100, xp: 0, level: 1, mood: 5, streak: 0 });
  });

  test('the templates list the four daily interactions with their rewards', async () => {
    const response = await carer.api.get<{ templates: { id: string; hpReward: number; xpReward: number }[] }>(
      '/interactions/templates',
    );
    expect(response.status).toBe(200);
    expect(response.body.templates.map((t) => t.id)).toEqual([
      'drink_water',
      'exercise_15m',
      'study_25m',
      'play_10m',
    ]);
    for (const template of response.body.templates)
      expect(template).toMatchObject({ hpReward: 5, xpReward: 10 });
  });

  test('completing an interaction answers 201 with the record for the caller and today', async () => {
    const response = await carer.api.post<Record<string, unknown>>('/interactions/complete', {
      templateId: 'drink_water',
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      userId: carer.userId,
      templateId: 'drink_water',
      dayKey: today(),
      hpDelta: 5,
      xpReward: 10,
      eventId: `completed#${carer.userId}#${today()}#drink_water`,
    });
    expect(response.headers.get('x-correlation-id')).toBeTruthy();
  });

  test('a second completion of the same template on the same day is 409', async () => {
    const response = await carer.api.post<ErrorView>('/interactions/complete', { templateId: 'drink_water' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('ALREADY_COMPLETED');
  });

  test('an unknown template is 404', async () => {
    const response = await carer.api.post<ErrorView>('/interactions/complete', {
      templateId: 'juggle_chainsaws',
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('UNKNOWN_TEMPLATE');
  });

  test('today’s list shows the caller’s completions only', async () => {
    await carer.api.post('/interactions/complete', { templateId: 'play_10m' });
    const mine = await carer.api.get<{ dayKey: string; completions: { templateId: string }[] }>(
      '/interactions/today',
    );
    const theirs = await slacker.api.get<{ completions: unknown[] }>('/interactions/today');
    expect(mine.body.dayKey).toBe(today());
    expect(mine.body.completions.map((c) => c.templateId).sort()).toEqual(['drink_water', 'play_10m']);
    expect(theirs.body.completions).toEqual([]);
  });

  test('the pet takes in the completions: XP per completion, the day’s first raises the streak to 1', async () => {
    const after = await eventually(async () => ((await pet(carer)).xp === 20 ? pet(carer) : undefined), {
      what: 'two completions applied',
    });
    expect(after).toMatchObject({ hp: 100, xp: 20, level: 1, mood: 5, streak: 1, lastActiveDay: today() });
  });

  test('renaming the pet changes its name and nothing else', async () => {
    const before = await pet(carer);
    const response = await carer.api.patch<PetView>('/pets/me', { name: 'Biscuit' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...before, name: 'Biscuit', updatedAt: expect.any(String) });
    expect((await pet(carer)).name).toBe('Biscuit');
  });

  test('the missed-day job penalises the player who did nothing, once, however often it runs', async () => {
    await pet(slacker); // adopts the pet
    await eventually(async () => (await isOnRoster(slacker.userId)) && (await isOnRoster(carer.userId)), {
      what: 'both players on the roster',
    });
    const day = today();
    await expect(runMissedDay(day)).rejects.toThrow(/is not over yet/);
    const clock = testClockOf();
    await clock.set(new Date(`${addDays(day, 1)}T00:05:00.000Z`));
    try {
      const first = await runMissedDay(day);
      expect(first.missedPublished).toBeGreaterThanOrEqual(1);
      const missedId = `missed#${slacker.userId}#${day}`;
      await eventually(async () => (await history(slacker)).some((e) => e.eventId === missedId), {
        what: 'the missed day applied',
      });
      expect(await pet(slacker)).toMatchObject({ hp: 90, mood: 4, streak: 0 });

      // Still after the day: once the clock is reset, the day is not over and the job refuses it.
      await runMissedDay(day);
    } finally {
      await clock.reset();
    }
    await queuesSettled([outputs.PetsQueueUrl]); // a second penalty would have been applied by now
    expect(await pet(slacker)).toMatchObject({ hp: 90, mood: 4, streak: 0 });
    expect((await history(slacker)).filter((e) => e.type === 'interaction.missed')).toHaveLength(1);
  });

  test('the active player is not penalised by the missed-day job', async () => {
    expect(await pet(carer)).toMatchObject({ hp: 100, mood: 5, streak: 1 });
    expect((await history(carer)).some((e) => e.type === 'interaction.missed')).toBe(false);
  });

  test('the history explains each change, newest first', async () => {
    const entries = await history(slacker);
    expect(entries[0]).toMatchObject({
      type: 'interaction.missed',
      dayKey: today(),
      before: { hp: 100, mood: 5 },
      after: { hp: 90, mood: 4 },
    });
    expect(entries[0]!.summary).toContain('HP 100 → 90');
    const carerEntries = await history(carer);
    expect(carerEntries.map((e) => e.type)).toEqual(['interaction.completed', 'interaction.completed']);
    expect(carerEntries[1]!.after.xp).toBe(10);
    expect(carerEntries[0]!.after.xp).toBe(20);
  });
});
