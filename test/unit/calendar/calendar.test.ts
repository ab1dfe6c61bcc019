import { decodeCursor, encodeCursor } from '../../../functions/calendar/domain/cursor';
import { cancelCalendarEvent } from '../../../functions/calendar/use-cases/cancel-calendar-event';
import { changeCalendarEvent } from '../../../functions/calendar/use-cases/change-calendar-event';
import { createCalendarEvent } from '../../../functions/calendar/use-cases/create-calendar-event';
import { listRegistrations, listUpcoming } from '../../../functions/calendar/use-cases/read-calendar';
import { register, unregister } from '../../../functions/calendar/use-cases/register';
import { InMemoryCalendarStore, sequentialIds } from './in-memory-calendar-store';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const organizer = { userId: 'org-1', groups: ['players', 'organizers'] };
const otherOrganizer = { userId: 'org-2', groups: ['organizers'] };
const player = { userId: 'player-1', groups: ['players'] };
const admin = { userId: 'admin-1', groups: ['admins'] };
const fields = {
  name: 'Pizza night',
  description: '',
  startsAt: '2026-12-24T18:00:00.000Z',
  location: 'Berlin',
  capacity: 2,
};

function setup() {
  const store = new InMemoryCalendarStore();
  const deps = { store, ids: sequentialIds(), now: () => NOW };
  const create = async (actor = organizer, overrides = {}) => {
    const result = await createCalendarEvent(deps, {
      actor,
      fields: { ...fields, ...overrides },
      correlationId: 'c-1',
    });
    if (result.outcome !== 'created') throw new Error(result.outcome);
    return result.calendarEvent;
  };
  const registerAs = (calendarEventId: string, userId: string) =>
    register(deps, { calendarEventId, userId, username: userId, correlationId: 'c-2' });
  return { store, deps, create, registerAs };
}

describe('calendar events with roles', () => {
  test('an organizer creates a calendar event as its organizer and event.created goes to the outbox', async () => {
    const { store, create } = setup();

    const created = await create();

    expect(created).toMatchObject({
      organizerId: 'org-1',
      status: 'SCHEDULED',
      registeredCount: 0,
      version: 1,
    });
    expect(store.outbox.map((e) => [e.definition.detailType, e.detail.eventId])).toEqual([
      ['event.created', `event-created#${created.id}`],
    ]);
  });

  test('a player may not create a calendar event', async () => {
    const { store, deps } = setup();

    const result = await createCalendarEvent(deps, { actor: player, fields, correlationId: 'c' });

    expect(result.outcome).toBe('forbidden');
    expect(store.outbox).toEqual([]);
  });

  test('a calendar event that would start in the past is refused', async () => {
    const { deps } = setup();

    const result = await createCalendarEvent(deps, {
      actor: organizer,
      fields: { ...fields, startsAt: '2026-12-01T08:59:59.000Z' },
      correlationId: 'c',
    });

    expect(result.outcome).toBe('starts-in-past');
  });

  test('another organizer may not change it, but an admin may', async () => {
    const { deps, create } = setup();
    const created = await create();

    const byOther = await changeCalendarEvent(deps, {
      actor: otherOrganizer,
      id: created.id,
      changes: { name: 'Mine now' },
      correlationId: 'c',
    });
    const byAdmin = await changeCalendarEvent(deps, {
      actor: admin,
      id: created.id,
      changes: { location: 'Hamburg' },
      correlationId: 'c',
    });

    expect(byOther.outcome).toBe('forbidden');
    expect(byAdmin).toMatchObject({ outcome: 'updated', calendarEvent: { location: 'Hamburg', version: 2 } });
  });

  test('the capacity cannot drop below the places already taken', async () => {
    const { deps, create, registerAs } = setup();
    const created = await create();
    await registerAs(created.id, 'u1');
    await registerAs(created.id, 'u2');

    const result = await changeCalendarEvent(deps, {
      actor: organizer,
      id: created.id,
      changes: { capacity: 1 },
      correlationId: 'c',
    });

    expect(result).toEqual({ outcome: 'capacity-below-registered', registeredCount: 2 });
  });
});

describe('registrations', () => {
  test('a registered user who asks again when the places are gone hears ALREADY_REGISTERED, not FULL', async () => {
    const { create, registerAs } = setup();
    const created = await create(organizer, { capacity: 1 });
    await registerAs(created.id, 'u1');

    const again = await registerAs(created.id, 'u1');

    expect(again.outcome).toBe('already-registered');
  });

  test('the places run out at the capacity, and a second registration of the same user is refused', async () => {
    const { create, registerAs } = setup();
    const created = await create();

    const outcomes = [
      (await registerAs(created.id, 'u1')).outcome,
      (await registerAs(created.id, 'u1')).outcome,
      (await registerAs(created.id, 'u2')).outcome,
      (await registerAs(created.id, 'u3')).outcome,
    ];

    expect(outcomes).toEqual(['registered', 'already-registered', 'registered', 'full']);
  });

  test('giving a place back frees it and publishes registration.cancelled', async () => {
    const { store, deps, create, registerAs } = setup();
    const created = await create({ ...organizer }, { capacity: 1 });
    await registerAs(created.id, 'u1');

    const result = await unregister(deps, { calendarEventId: created.id, userId: 'u1', correlationId: 'c' });
    const again = await registerAs(created.id, 'u2');

    expect(result.outcome).toBe('unregistered');
    expect(again.outcome).toBe('registered');
    expect(store.outbox.map((e) => e.definition.detailType)).toEqual([
      'event.created',
      'registration.created',
      'registration.cancelled',
      'registration.created',
    ]);
  });

  test('cancelling names everyone registered, and a cancelled calendar event takes no registrations', async () => {
    const { store, deps, create, registerAs } = setup();
    const created = await create();
    await registerAs(created.id, 'u1');

    const cancelled = await cancelCalendarEvent(deps, {
      actor: organizer,
      id: created.id,
      correlationId: 'c',
    });
    const late = await registerAs(created.id, 'u2');

    expect(cancelled.outcome).toBe('cancelled');
    expect(store.outbox.at(-1)?.detail).toMatchObject({ registeredUserIds: ['u1'] });
    expect(late.outcome).toBe('cancelled');
  });

  test('only its organizer and admins see who registered', async () => {
    const { store, create, registerAs } = setup();
    const created = await create();
    await registerAs(created.id, 'u1');

    const byPlayer = await listRegistrations({ store }, { actor: player, calendarEventId: created.id });
    const byAdmin = await listRegistrations({ store }, { actor: admin, calendarEventId: created.id });

    expect(byPlayer.outcome).toBe('forbidden');
    expect(byAdmin).toMatchObject({ outcome: 'listed', registrations: [{ userId: 'u1' }] });
  });
});

describe('listing', () => {
  test('upcoming calendar events come soonest first, page by page, without cancelled ones', async () => {
    const { deps, create } = setup();
    const late = await create(organizer, { startsAt: '2027-01-03T00:00:00.000Z' });
    const soon = await create(organizer, { startsAt: '2026-12-02T00:00:00.000Z' });
    const cancelled = await create(organizer, { startsAt: '2026-12-05T00:00:00.000Z' });
    await cancelCalendarEvent(deps, { actor: organizer, id: cancelled.id, correlationId: 'c' });

    const first = await listUpcoming(deps, { limit: 1 });
    const second = await listUpcoming(deps, { limit: 1, after: first.next });

    expect(first.items.map((e) => e.id)).toEqual([soon.id]);
    expect(second.items.map((e) => e.id)).toEqual([late.id]);
    expect(second.next).toBeUndefined();
  });

  test('a cursor decodes to the position it was made from, and garbage decodes to nothing', () => {
    const position = { startsAt: '2026-12-02T00:00:00.000Z', id: `cev_${'a'.repeat(32)}` };

    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
  });

  test('a cursor whose start is not written as the calendar writes starts, or is past the year 9999, is refused', () => {
    const id = `cev_${'a'.repeat(32)}`;
    const withStart = (startsAt: string) => Buffer.from(JSON.stringify([startsAt, id])).toString('base64url');

    expect(decodeCursor(withStart('2026-12-02'))).toBeUndefined();
    expect(decodeCursor(withStart('Dec 2 2026'))).toBeUndefined();
    expect(decodeCursor(withStart('2026-12-02T00:00:00+01:00'))).toBeUndefined();
    expect(decodeCursor(withStart('+010000-01-01T00:00:00.000Z'))).toBeUndefined();
    expect(decodeCursor(withStart('2026-02-30T00:00:00.000Z'))).toBeUndefined();
    expect(decodeCursor(withStart('9999-12-31T23:59:59.999Z'))).toEqual({
      startsAt: '9999-12-31T23:59:59.999Z',
      id,
    });
  });
});
