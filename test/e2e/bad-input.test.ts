import { dayKeyOf } from '../../shared/time';
import type { ErrorView, PetView } from '../support/pet-views';
import { newPlayer, type Player } from '../support/platform';

jest.setTimeout(60_000);

describe('bad input gets a JSON 400 that names the failing fields, and nothing is written', () => {
  let player: Player;
  let other: Player;

  beforeAll(async () => {
    [player, other] = await Promise.all([newPlayer(), newPlayer()]);
    await player.api.get('/pets/me');
    await other.api.get('/pets/me');
  });

  afterAll(async () => {
    // Every rejected completion above must have left no trace.
    const today = await player.api.get<{ completions: unknown[] }>('/interactions/today');
    expect(today.body.completions).toEqual([]);
  });

  const completeWith = (rawBody: string) =>
    player.api.call<ErrorView>('POST', '/interactions/complete', undefined, { rawBody });

  test('malformed JSON is 400 MALFORMED_JSON', async () => {
    const response = await completeWith('{"templateId": "drink_water"');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('MALFORMED_JSON');
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  test('an empty body is 400 BODY_REQUIRED', async () => {
    const response = await player.api.call<ErrorView>('POST', '/interactions/complete');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('BODY_REQUIRED');
  });

  test('a missing field is 400 naming the field', async () => {
    const response = await completeWith('{}');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details?.map((d) => d.field)).toEqual(['templateId']);
  });

  test('an extra field is 400 naming the field: the caller cannot say who they are in the body', async () => {
    const response = await completeWith(JSON.stringify({ templateId: 'drink_water', userId: other.userId }));
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'userId', message: 'is not an allowed field' }]);
  });

  test('a wrong type is 400 naming the field', async () => {
    const response = await completeWith(JSON.stringify({ templateId: 42 }));
    expect(response.status).toBe(400);
    expect(response.body.details?.[0]?.field).toBe('templateId');
  });

  test('a huge body is 400 BODY_TOO_LARGE', async () => {
    const response = await completeWith(
      JSON.stringify({ templateId: 'drink_water', padding: 'x'.repeat(200_000) }),
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('BODY_TOO_LARGE');
  });

  test('a bad pet name is 400 and the pet keeps its name', async () => {
    for (const body of [{ name: '' }, { name: 'x'.repeat(41) }, { name: '<script>' }, { name: 7 }, {}]) {
      const response = await player.api.patch<ErrorView>('/pets/me', body);
      expect({ body, status: response.status, field: response.body.details?.[0]?.field }).toEqual({
        body,
        status: 400,
        field: 'name',
      });
    }
    expect((await player.api.get<PetView>('/pets/me')).body.name).toBe('Mochi');
  });

  test('one player cannot read or change another’s pet: a spoofed identity header is ignored', async () => {
    const spoof = { headers: { 'x-user-id': other.userId, 'x-amzn-oidc-identity': other.userId } };
    const renamed = await player.api.patch<PetView>('/pets/me', { name: 'Mine' }, spoof);
    expect(renamed.status).toBe(200);
    expect((await other.api.get<PetView>('/pets/me')).body.name).toBe('Mochi');
    const read = await player.api.get<PetView>('/pets/me', spoof);
    expect(read.body.name).toBe('Mine');
  });

  test('a day that has not ended (today, tomorrow) is 400 DAY_NOT_OVER with the reason, not a run', async () => {
    const admin = await newPlayer(['players', 'admins']);
    const now = new Date();
    for (const day of [dayKeyOf(now), dayKeyOf(new Date(now.getTime() + 86_400_000))]) {
      const response = await admin.api.post<ErrorView>('/admin/missed-day-runs', { day });
      expect({
        day,
        status: response.status,
        code: response.body.code,
        field: response.body.details?.[0]?.field,
      }).toEqual({
        day,
        status: 400,
        code: 'DAY_NOT_OVER',
        field: 'day',
      });
      expect(response.body.message).toMatch(/is not over yet/);
    }
  });

  test('an invalid day for the admin job is 400, not a run', async () => {
    const admin = await newPlayer(['players', 'admins']);
    for (const day of ['2026-02-30', '2026-13-01', 'yesterday']) {
      const response = await admin.api.post<ErrorView>('/admin/missed-day-runs', { day });
      expect({ day, status: response.status, field: response.body.details?.[0]?.field }).toEqual({
        day,
        status: 400,
        field: 'day',
      });
    }
  });
});
