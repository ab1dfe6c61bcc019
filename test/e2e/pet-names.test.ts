import type { ErrorView, PetView } from '../support/pet-views';
import { newPlayer, type Player } from '../support/platform';

jest.setTimeout(60_000);

describe('pet names in any script, through the API with a real token', () => {
  let player: Player;

  beforeAll(async () => {
    player = await newPlayer();
    await player.api.get('/pets/me');
  });

  test.each([
    ['Hindi with vowel signs', 'मोती'],
    ['Thai with tone and vowel marks', 'ข้าว'],
  ])('a name in %s is accepted and kept as sent', async (_what, name) => {
    const renamed = await player.api.patch<PetView>('/pets/me', { name });

    expect({ status: renamed.status, name: renamed.body.name }).toEqual({ status: 200, name });
    expect((await player.api.get<PetView>('/pets/me')).body.name).toBe(name);
  });

  test('a decomposed Zoë (e + combining diaeresis) is accepted and stored composed, in NFC', async () => {
    const renamed = await player.api.patch<PetView>('/pets/me', { name: 'Zoe\u0308' });

    expect({ status: renamed.status, name: renamed.body.name }).toEqual({ status: 200, name: 'Zo\u00eb' });
    expect((await player.api.get<PetView>('/pets/me')).body.name).toBe('Zo\u00eb');
  });

  test.each([
    ['a tab', '\tZoe'],
    ['a space', ' Zoe'],
  ])(
    'a name that starts with %s is 400 naming the field (never trimmed and saved), and the name stays',
    async (_what, name) => {
      await player.api.patch<PetView>('/pets/me', { name: 'Mochi' });

      const refused = await player.api.patch<ErrorView>('/pets/me', { name });

      expect({ status: refused.status, field: refused.body.details?.[0]?.field }).toEqual({
        status: 400,
        field: 'name',
      });
      expect((await player.api.get<PetView>('/pets/me')).body.name).toBe('Mochi');
    },
  );

  test('a name that starts with a combining mark is 400 naming the field, and the name stays', async () => {
    await player.api.patch<PetView>('/pets/me', { name: 'Mochi' });

    const refused = await player.api.patch<ErrorView>('/pets/me', { name: '\u0308Zoe' });

    expect({ status: refused.status, field: refused.body.details?.[0]?.field }).toEqual({
      status: 400,
      field: 'name',
    });
    expect((await player.api.get<PetView>('/pets/me')).body.name).toBe('Mochi');
  });
});
