import { randomUUID } from 'node:crypto';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { OUTPUTS } from '../../infra/names';
import { clientConfig, loadOutputs } from '../../scripts/lib/target';
import { GROUPS } from '../../shared/identity';
import { eventually, newPlayer, type Player, queuesSettled } from '../support/platform';

jest.setTimeout(180_000);

interface Analytics {
  eventId: string;
  totals: { view: number; click: number; share: number };
  days: { day: string; view: number; click: number; share: number }[];
}

const types = ['view', 'click', 'share'] as const;

describe('analytics through API Gateway', () => {
  let organizer: Player;
  let stranger: Player;
  let admin: Player;
  let calendarEventId: string;

  /** A new calendar event, once analytics has learned of it from event.created (POST /track is 404 before). */
  const knownEvent = async (name: string) => {
    const created = await organizer.api.post<{ id: string }>('/events', {
      name,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      location: 'Berlin',
      capacity: 10,
    });
    const id = created.body.id;
    await eventually(async () => (await organizer.api.get(`/analytics/events/${id}`)).status === 200, {
      timeoutMs: 60_000,
      what: `event.created of ${id} to reach analytics`,
    });
    return id;
  };

  beforeAll(async () => {
    [organizer, stranger, admin] = await Promise.all([
      newPlayer([GROUPS.organizers]),
      newPlayer([GROUPS.organizers]),
      newPlayer([GROUPS.admins]),
    ]);
    calendarEventId = await knownEvent('Counted');
  });

  test('counts distinct users per kind: 300 tracks of three users, sent concurrently and repeated, count 3 each', async () => {
    const users = [organizer, stranger, admin];
    const tracks = Array.from({ length: 300 }, (_, i) => ({
      user: users[i % 3]!,
      body: {
        type: types[Math.floor(i / 3) % 3]!,
        eventId: calendarEventId,
        clientEventId: `c-${randomUUID()}`,
      },
    }));
    const retries = tracks.filter((_, i) => i % 3 === 0);

    const answers: number[] = [];
    const all = [...tracks, ...retries];
    for (let i = 0; i < all.length; i += 40) {
      const batch = all.slice(i, i + 40);
      const statuses = await Promise.all(batch.map((t) => t.user.api.post('/track', t.body)));
      answers.push(...statuses.map((s) => s.status));
    }
    const counted = await eventually(
      async () => {
        const read = await organizer.api.get<Analytics>(`/analytics/events/${calendarEventId}`);
        const { view, click, share } = read.body.totals ?? {};
        return read.status === 200 && view + click + share >= 9 ? read.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: 'the three users to be counted for every kind' },
    );
    // Every one of the 400 tracks handled: the counts must not have moved past one per user and kind.
    await queuesSettled([loadOutputs()[OUTPUTS.trackQueueUrl]!], { timeoutMs: 120_000 });
    const settled = (await organizer.api.get<Analytics>(`/analytics/events/${calendarEventId}`)).body;

    expect(new Set(answers)).toEqual(new Set([202]));
    expect(counted.totals).toEqual({ view: 3, click: 3, share: 3 });
    expect(settled.totals).toEqual({ view: 3, click: 3, share: 3 });
    expect(settled.days).toEqual([
      { day: new Date().toISOString().slice(0, 10), view: 3, click: 3, share: 3 },
    ]);
  });

  test('a track of an event analytics never heard of is 404, and is not buffered', async () => {
    const unknown = `cev_${randomUUID().replaceAll('-', '')}`;

    const tracked = await organizer.api.post<{ code: string }>('/track', {
      type: 'view',
      eventId: unknown,
      clientEventId: 'c-unknown-1',
    });
    const read = await admin.api.get(`/analytics/events/${unknown}`);

    expect([tracked.status, tracked.body.code]).toEqual([404, 'EVENT_NOT_FOUND']);
    expect(read.status).toBe(404);
  });

  test('a cancelled event takes no more tracks (404); its counts stay readable and every item of it expires', async () => {
    const id = await knownEvent('Cancelled later');
    await organizer.api.post('/track', { type: 'view', eventId: id, clientEventId: 'c-before-cancel' });
    await eventually(
      async () => (await organizer.api.get<Analytics>(`/analytics/events/${id}`)).body.totals?.view === 1,
      { timeoutMs: 60_000, what: 'the view to be counted' },
    );

    const cancelled = await organizer.api.call('DELETE', `/events/${id}`);
    const refused = await eventually(
      async () => {
        const r = await organizer.api.post('/track', {
          type: 'click',
          eventId: id,
          clientEventId: 'c-after-cancel',
        });
        return r.status === 404 ? r : undefined;
      },
      { timeoutMs: 60_000, what: 'event.cancelled to reach analytics' },
    );
    // Every track buffered before the refusal handled (counted, or refused by the counting transaction).
    await queuesSettled([loadOutputs()[OUTPUTS.trackQueueUrl]!], { timeoutMs: 60_000 });
    const db = new DynamoDBClient(clientConfig());
    const items = await eventually(
      async () => {
        const page = await db.send(
          new QueryCommand({
            TableName: loadOutputs()[OUTPUTS.analyticsTable],
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: `CEV#${id}` } },
            ConsistentRead: true,
          }),
        );
        const all = page.Items ?? [];
        return all.length > 0 && all.every((item) => item.expiration?.N) ? all : undefined;
      },
      { timeoutMs: 30_000, what: 'every item of the cancelled event to carry an expiry' },
    );
    const read = await organizer.api.get<Analytics>(`/analytics/events/${id}`);

    expect(cancelled.status).toBe(200);
    expect(refused.status).toBe(404);
    // The probing clicks that arrived before event.cancelled did may have counted too: the view is what is known.
    expect(items.map((item) => item.sk?.S)).toEqual(
      expect.arrayContaining([
        `DAY#${new Date().toISOString().slice(0, 10)}#view`,
        'ORGANIZER',
        `USER#view#${organizer.userId}`,
      ]),
    );
    const expiries = new Set(items.map((item) => Number(item.expiration?.N)));
    expect(expiries.size).toBe(1);
    const days = ([...expiries][0]! - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30);
    expect([read.status, read.body.totals?.view]).toEqual([200, 1]);
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
