import * as fs from 'node:fs';
import { DevLoop, type Updated } from '../../scripts/lib/dev/dev-loop';
import { editedWhoAmI, restoreWhoAmI, WHO_AM_I, whoAmIFile } from '../../scripts/lib/dev/who-am-i-edit';
import { newPlayer, type Player } from '../support/platform';

jest.setTimeout(120_000);

/** npm run dev against the deployed stack: an edit to a handler is live without a deploy, and then undone. */
describe('npm run dev', () => {
  let dev: DevLoop;
  let player: Player;
  const username = async () => {
    const r = await player.api.get<{ username: string }>('/whoami');
    expect(r.status).toBe(200);
    return r.body.username;
  };
  const updatedPaths = (updated: Updated[]) => updated.map((u) => u.path.split('/').slice(1).join('/'));

  beforeAll(async () => {
    [dev, player] = await Promise.all([DevLoop.start(), newPlayer()]);
  });

  afterAll(async () => {
    // The working tree and the deployed function as they were, whatever happened above.
    restoreWhoAmI();
    await dev?.updateFunctions([WHO_AM_I]);
  });

  test('updateFunctions: an edited handler answers from its next request on, even on a warm worker', async () => {
    // Prepare: the function warm, answering as deployed
    expect(await username()).toBe(player.username);

    // Act
    fs.writeFileSync(whoAmIFile, editedWhoAmI('-edited'));
    const { updated, failed } = await dev.updateFunctions([WHO_AM_I]);

    // Assess: the one function that bundles it updated, and the very next answer is the edited one
    expect(failed).toEqual([]);
    expect(updatedPaths(updated)).toEqual(['Platform/WhoAmIFunction']);
    expect(await username()).toBe(`${player.username}-edited`);

    // Act: undone
    restoreWhoAmI();
    await dev.updateFunctions([WHO_AM_I]);

    // Assess
    expect(await username()).toBe(player.username);
  });

  test('watch: saving the file is enough, and what it updated is reported', async () => {
    const reported = new Promise<{ changed: string[]; updated: Updated[] }>((resolve) => {
      const stop = dev.watch((result) => {
        stop();
        resolve(result);
      });
    });

    fs.writeFileSync(whoAmIFile, editedWhoAmI('-saved'));
    const { changed, updated } = await reported;

    expect(changed).toContain(WHO_AM_I);
    expect(updatedPaths(updated)).toEqual(['Platform/WhoAmIFunction']);
    expect(await username()).toBe(`${player.username}-saved`);
  });
});
