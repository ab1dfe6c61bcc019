import { randomUUID } from 'node:crypto';
import { GROUPS } from '../../shared/identity';
import { eventually, newPlayer, type Player } from '../support/platform';

jest.setTimeout(180_000);

interface Analytics {
  eventId: string;
  totals: { view: number; click: number; share: number };
  days: { day: string; view: number; click: number; share: number }[];
}

describe('analytics through API Gateway', () => {
  let organizer: Player;
  let stranger: Player;
  let admin: Player;
  let calendarEventId: string;

  beforeAll(async () => {
    [organizer, stranger, admin] = await Promise.all([
      newPlayer([GROUPS.organizers]),
      newPlayer([GROUPS.organizers]),
      newPlayer([GROUPS.admins]),
    ]);
    const created = await organizer.api.post<{ id: string }>('/events', {
      name: 'Counted',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      location: 'Berlin',
      capacity: 10,
    });
    calendarEventId = created.body.id;
  });

  test('counts are exact after many tracks sent concurrently, a third of them repeated', async () => {
    const types = ['view', 'click', 'share'] as const;
    const tracks = Array.from({ length: 300 }, (_, i) => ({
      type: types[i % 3]!,
      eventId: calendarEventId,
      clientEventId: `c-${randomUUID()}`,
    }));
    const retries = tracks.filter((_, i) => i % 3 === 0);

    const answers: number[] = [];
    for (let i = 0; i < tracks.length + retries.length; i += 40) {
      const batch = [...tracks, ...retries].slice(i, i + 40);
      const statuses = await Promise.all(batch.map((t) => organizer.api.post('/track', t)));
      answers.push(...statuses.map((s) => s.status));
    }
    const counted = await eventually(
      async () => {
        const read = await organizer.api.get<Analytics>(`/analytics/events/${calendarEventId}`);
        const { view, click, share } = read.body.totals ?? {};
        return read.status === 200 && view + click + share === 300 ? read.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'all 300 tracks to be counted' },
    );

    expect(new Set(answers)).toEqual(new Set([202]));
    expect(counted.totals).toEqual({ view: 100, click: 100, share: 100 });
    expect(counted.days).toEqual([
      { day: new Date().toISOString().slice(0, 10), view: 100, click: 100, share: 100 },
    ]);
  });

  test('a bad track is 400 naming its fields; only the organizer and admins read the counts', async () => {
    const bad = await organizer.api.post<{ details: { field: string }[] }>('/track', {
      type: 'like',
      eventId: 'x',
      clientEventId: 'c-1',
    });
    const byStranger = await stranger.api.get(`/analytics/events/${calendarEventId}`);
    const byAdmin = await admin.api.get(`/analytics/events/${calendarEventId}`);
    const unknown = await admin.api.get(`/analytics/events/cev_${'0'.repeat(32)}`);
    // No calendar event has such an id, and it is too long for a table key (it was a 500).
    const malformed = await admin.api.get(`/analytics/events/${'a'.repeat(3000)}`);

    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d) => d.field).sort()).toEqual(['clientEventId', 'eventId', 'type']);
    expect(byStranger.status).toBe(403);
    expect(byAdmin.status).toBe(200);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
  });
});
