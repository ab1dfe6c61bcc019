import { interactionMissed } from '../../events/pet-game';
import type { MissedDayRunReport } from '../../functions/interactions/domain/missed-day-run';
import { isOnRoster } from '../../scripts/lib/roster';
import { testClockOf } from '../../scripts/lib/test-clock';
import { GROUPS } from '../../shared/identity';
import { addDays, dayKeyOf } from '../../shared/time';
import { type EventSpy, eventSpy } from '../support/event-spy';
import type { ErrorView } from '../support/pet-views';
import { eventually, newPlayer, type Player } from '../support/platform';

jest.setTimeout(120_000);

type Started = MissedDayRunReport & { day: string; resumed: boolean };
type Progress = MissedDayRunReport & { day: string };

describe('missed-day runs through API Gateway with real tokens', () => {
  let admin: Player;
  let idler: Player;
  let carer: Player;
  let spy: EventSpy;
  const day = dayKeyOf(new Date());

  beforeAll(async () => {
    [admin, idler, carer] = await Promise.all([
      newPlayer([GROUPS.players, GROUPS.admins]),
      newPlayer(),
      newPlayer(),
    ]);
    await Promise.all([idler.api.get('/pets/me'), carer.api.get('/pets/me')]); // adopt: onto the roster
    expect((await carer.api.post('/interactions/complete', { templateId: 'drink_water' })).status).toBe(201);
    await eventually(async () => (await isOnRoster(idler.userId)) && (await isOnRoster(carer.userId)), {
      what: 'both players on the roster',
    });
    spy = await eventSpy();
  });

  afterAll(async () => {
    await testClockOf().reset();
    await spy?.dispose();
  });

  const progress = (runId: string) => admin.api.get<Progress>(`/admin/missed-day-runs/${runId}`);

  test('an admin starts a run (202 with its id), follows its progress, and reads its totals once finished', async () => {
    await testClockOf().set(new Date(`${addDays(day, 1)}T00:05:00.000Z`));

    const started = await admin.api.post<Started>('/admin/missed-day-runs', { day });

    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ runId: expect.any(String), day, resumed: false });
    expect(started.headers.get('location')).toBe(`/admin/missed-day-runs/${started.body.runId}`);
    const seen = new Set<string>();
    const finished = await eventually(
      async () => {
        const response = await progress(started.body.runId);
        expect(response.status).toBe(200);
        seen.add(response.body.status);
        return response.body.status === 'finished' ? response.body : undefined;
      },
      { what: 'the run to finish', timeoutMs: 60_000 },
    );
    expect(finished).toMatchObject({ runId: started.body.runId, day, status: 'finished' });
    expect(finished.pagesDone).toBe(finished.pagesTotal);
    expect(finished.playersChecked).toBeGreaterThanOrEqual(2);
    expect(finished.activePlayers).toBeGreaterThanOrEqual(1);
    expect(finished.missedPublished).toBeGreaterThanOrEqual(1);
    expect(finished.missedPublished + finished.activePlayers).toBeLessThanOrEqual(finished.playersChecked);
    expect(await spy.waitFor(interactionMissed, (e) => e.userId === idler.userId)).toMatchObject({
      eventId: `missed#${idler.userId}#${day}`,
      dayKey: day,
    });
    expect((await spy.published(interactionMissed)).some((e) => e.userId === carer.userId)).toBe(false);
  });

  test('starting the day again after a finished run is a new run that publishes the same event ids', async () => {
    await testClockOf().set(new Date(`${addDays(day, 1)}T00:05:00.000Z`));
    const before = (await spy.published(interactionMissed)).filter((e) => e.userId === idler.userId).length;

    const again = await admin.api.post<Started>('/admin/missed-day-runs', { day });

    expect(again.status).toBe(202);
    expect(again.body.resumed).toBe(false);
    await eventually(async () => (await progress(again.body.runId)).body.status === 'finished', {
      what: 'the second run to finish',
      timeoutMs: 60_000,
    });
    await eventually(
      async () =>
        (await spy.published(interactionMissed)).filter((e) => e.userId === idler.userId).length > before,
      { what: "the idler's interaction.missed again" },
    );
    const ids = new Set(
      (await spy.published(interactionMissed)).filter((e) => e.userId === idler.userId).map((e) => e.eventId),
    );
    expect([...ids]).toEqual([`missed#${idler.userId}#${day}`]);
  });

  test('a player gets 403 on both routes, and no run starts', async () => {
    const start = await idler.api.post<ErrorView>('/admin/missed-day-runs', { day: '2001-01-01' });
    const read = await idler.api.get<ErrorView>(
      '/admin/missed-day-runs/00000000-0000-4000-8000-000000000000',
    );

    expect([start.status, start.body.code]).toEqual([403, 'FORBIDDEN']);
    expect([read.status, read.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  test('an unknown run is 404, a malformed run id 400 naming the field', async () => {
    const unknown = await admin.api.get<ErrorView>(
      '/admin/missed-day-runs/00000000-0000-4000-8000-000000000000',
    );
    const malformed = await admin.api.get<ErrorView>(`/admin/missed-day-runs/${'x'.repeat(65)}`);

    expect([unknown.status, unknown.body.code]).toEqual([404, 'UNKNOWN_RUN']);
    expect([malformed.status, malformed.body.details?.[0]?.field]).toEqual([400, 'runId']);
  });
});
