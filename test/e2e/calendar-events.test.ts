import { calendarEventCancelled, registrationCreated } from '../../events/calendar';
import { GROUPS } from '../../shared/identity';
import { type EventSpy, eventSpy } from '../support/event-spy';
import { eventually, newPlayer, type Player } from '../support/platform';

jest.setTimeout(120_000);

interface CalendarEventView {
  id: string;
  organizerId: string;
  registeredCount: number;
  status: string;
  version: number;
}
interface ErrorView {
  code: string;
  details?: { field: string }[];
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const body = (overrides: Record<string, unknown> = {}) => ({
  name: 'Pizza night',
  description: 'We bake, you eat.',
  startsAt: inDays(7),
  location: 'Hauptstrasse 1, Berlin',
  capacity: 5,
  ...overrides,
});

describe('calendar events with roles, through API Gateway with real tokens', () => {
  let organizer: Player;
  let otherOrganizer: Player;
  let admin: Player;
  let player: Player;
  let spy: EventSpy;

  beforeAll(async () => {
    [organizer, otherOrganizer, admin, player] = await Promise.all([
      newPlayer([GROUPS.players, GROUPS.organizers]),
      newPlayer([GROUPS.organizers]),
      newPlayer([GROUPS.players, GROUPS.admins]),
      newPlayer(),
    ]);
    spy = await eventSpy();
  });
  afterAll(() => spy.dispose());

  const create = async (overrides = {}) => {
    const created = await organizer.api.post<CalendarEventView>('/events', body(overrides));
    expect(created.status).toBe(201);
    return created.body;
  };

  test('an organizer creates (201, organizer from the token); a player gets 403; bad fields get 400 naming them', async () => {
    const created = await organizer.api.post<CalendarEventView>('/events', body({ organizerId: 'me' }));
    const good = await organizer.api.post<CalendarEventView>('/events', body());
    const byPlayer = await player.api.post<ErrorView>('/events', body());
    const bad = await organizer.api.post<ErrorView>('/events', body({ startsAt: inDays(-1), capacity: 0 }));
    const past = await organizer.api.post<ErrorView>('/events', body({ startsAt: inDays(-1) }));
    // In the year 10000 once its offset is applied (it was a 500: no ISO time to store or publish).
    const tooFar = await organizer.api.post<ErrorView>(
      '/events',
      body({ startsAt: '9999-12-31T23:59:59-23:59' }),
    );

    expect(created.status).toBe(400);
    expect(created.body).toMatchObject({ details: [{ field: 'organizerId' }] });
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({
      organizerId: organizer.userId,
      status: 'SCHEDULED',
      registeredCount: 0,
    });
    expect(byPlayer.status).toBe(403);
    expect(bad.status).toBe(400);
    expect(bad.body.details?.map((d) => d.field)).toEqual(['capacity']);
    expect(past.status).toBe(400);
    expect(past.body.details?.map((d) => d.field)).toEqual(['startsAt']);
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.details?.map((d) => d.field)).toEqual(['startsAt']);
  });

  test('another organizer may not change it (403), its organizer and an admin may; unknown is 404', async () => {
    const created = await create();

    const byOther = await otherOrganizer.api.patch<ErrorView>(`/events/${created.id}`, { name: 'Mine' });
    const byOwner = await organizer.api.patch<CalendarEventView>(`/events/${created.id}`, { capacity: 6 });
    const byAdmin = await admin.api.patch<CalendarEventView>(`/events/${created.id}`, {
      location: 'Hamburg',
    });
    const unknown = await organizer.api.patch<ErrorView>(`/events/cev_${'0'.repeat(32)}`, { name: 'x' });
    const empty = await organizer.api.patch<ErrorView>(`/events/${created.id}`, {});

    expect(byOther.status).toBe(403);
    expect(byOwner.status).toBe(200);
    expect(byAdmin.body).toMatchObject({ location: 'Hamburg', capacity: 6, version: 3 });
    expect(unknown.status).toBe(404);
    expect(empty.status).toBe(400);
  });

  test('20 concurrent registrations for 5 places give exactly 5, the rest 409 EVENT_FULL', async () => {
    const created = await create({ capacity: 5 });
    const players = await Promise.all(Array.from({ length: 20 }, () => newPlayer()));

    const answers = await Promise.all(
      players.map((p) => p.api.post<ErrorView>(`/events/${created.id}/registrations`, {})),
    );
    const after = await player.api.get<CalendarEventView>(`/events/${created.id}`);
    const list = await organizer.api.get<{ registrations: unknown[] }>(`/events/${created.id}/registrations`);

    expect(answers.map((a) => a.status).sort()).toEqual([...Array(5).fill(201), ...Array(15).fill(409)]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'EVENT_FULL')).toBe(true);
    expect(after.body).toMatchObject({ registeredCount: 5 });
    expect(list.body.registrations).toHaveLength(5);
  });

  test('registering twice is 409 ALREADY_REGISTERED; giving the place back frees it; only the organizer sees the list', async () => {
    const created = await create({ capacity: 1 });

    const first = await player.api.post(`/events/${created.id}/registrations`, {});
    const twice = await player.api.post<ErrorView>(`/events/${created.id}/registrations`, {});
    const listByPlayer = await player.api.get(`/events/${created.id}/registrations`);
    const back = await player.api.call('DELETE', `/events/${created.id}/registrations/me`);
    const backAgain = await player.api.call<ErrorView>('DELETE', `/events/${created.id}/registrations/me`);
    const byAdmin = await admin.api.post(`/events/${created.id}/registrations`, {});

    expect(first.status).toBe(201);
    expect([twice.status, twice.body.code]).toEqual([409, 'ALREADY_REGISTERED']);
    expect(listByPlayer.status).toBe(403);
    expect(back.status).toBe(204);
    expect([backAgain.status, backAgain.body.code]).toEqual([404, 'NOT_REGISTERED']);
    expect(byAdmin.status).toBe(201);
    await spy.waitFor(
      registrationCreated,
      (d) => d.calendarEventId === created.id && d.userId === admin.userId,
    );
  });

  test('DELETE cancels it: event.cancelled names the registered, and it takes no more registrations', async () => {
    const created = await create();
    await player.api.post(`/events/${created.id}/registrations`, {});

    const byOther = await otherOrganizer.api.call('DELETE', `/events/${created.id}`);
    const cancelled = await organizer.api.call<CalendarEventView>('DELETE', `/events/${created.id}`);
    const late = await admin.api.post<ErrorView>(`/events/${created.id}/registrations`, {});
    const published = await spy.waitFor(calendarEventCancelled, (d) => d.calendarEventId === created.id);
    const listed = await player.api.get<{ events: { id: string }[] }>('/events?limit=100');

    expect(byOther.status).toBe(403);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED' });
    expect([late.status, late.body.code]).toEqual([409, 'EVENT_CANCELLED']);
    expect(published.registeredUserIds).toEqual([player.userId]);
    expect(listed.body.events.map((e) => e.id)).not.toContain(created.id);
  });

  test('GET /events pages with a cursor, soonest first; a bad cursor or limit is 400 naming it', async () => {
    const far = await create({ startsAt: inDays(300) });
    const near = await create({ startsAt: inDays(299) });
    const seen: { id: string; startsAt: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await player.api.get<{ events: { id: string; startsAt: string }[]; nextCursor?: string }>(
        `/events?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.events);
      cursor = page.body.nextCursor;
    } while (cursor);
    const badCursor = await player.api.get<ErrorView>('/events?cursor=nonsense');
    const badLimit = await player.api.get<ErrorView>('/events?limit=1000');

    const ids = seen.map((e) => e.id);
    expect(ids.indexOf(near.id)).toBeLessThan(ids.indexOf(far.id));
    expect(seen.map((e) => e.startsAt)).toEqual([...seen.map((e) => e.startsAt)].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(badCursor.body.details?.map((d) => d.field)).toEqual(['cursor']);
    expect(badLimit.body.details?.map((d) => d.field)).toEqual(['limit']);
  });
  test('a cursor whose last event has started since is still served (it was a 500); one past the year 9999 is 400', async () => {
    type Page = { events: { id: string; startsAt: string }[]; nextCursor?: string };
    const soon = await create({ startsAt: new Date(Date.now() + 20_000).toISOString() });
    await create({ startsAt: inDays(2) });
    const all = await player.api.get<Page>('/events?limit=100');
    const position = all.body.events.findIndex((e) => e.id === soon.id);
    expect(position).toBeGreaterThanOrEqual(0);
    const upToSoon = await player.api.get<Page>(`/events?limit=${position + 1}`);
    expect(upToSoon.body.events.at(-1)?.id).toBe(soon.id);
    expect(upToSoon.body.nextCursor).toBeDefined();
    const startedAt = Date.parse(upToSoon.body.events.at(-1)!.startsAt);
    await eventually(async () => Date.now() > startedAt + 1_000, {
      timeoutMs: 60_000,
      what: 'the event to have started',
    });

    const next = await player.api.get<Page>(`/events?cursor=${upToSoon.body.nextCursor}`);
    const beyond = Buffer.from(JSON.stringify(['+010000-01-01T00:00:00.000Z', soon.id])).toString(
      'base64url',
    );
    const tooFar = await player.api.get<ErrorView>(`/events?cursor=${beyond}`);

    expect(next.status).toBe(200);
    expect(next.body.events.map((e) => e.id)).not.toContain(soon.id);
    expect(next.body.events.every((e) => Date.parse(e.startsAt) > startedAt)).toBe(true);
    expect([tooFar.status, tooFar.body.details?.map((d) => d.field)]).toEqual([400, ['cursor']]);
  });
});
