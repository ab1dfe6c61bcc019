import { CachedCatalog } from '../../../functions/quest-progress/adapters/cached-catalog';
import { applyQuestUpdate } from '../../../functions/quest-progress/use-cases/apply-quest-update';
import { InMemoryCatalogProjection, quest } from './in-memory';

function setup(ttlMs: number | undefined) {
  const projection = new InMemoryCatalogProjection();
  let now = 0;
  const cache = new CachedCatalog(projection, ttlMs, () => now);
  return { projection, cache, advance: (ms: number) => (now += ms) };
}

describe('the catalog cache', () => {
  test('inside the TTL a read costs no read of the table', async () => {
    const { projection, cache, advance } = setup(1000);
    await projection.applyQuest(quest());
    await cache.quests();

    advance(999);
    await cache.quests();

    expect({ versionReads: projection.versionReads, questReads: projection.questReads }).toEqual({
      versionReads: 1,
      questReads: 1,
    });
    expect(cache.stats).toEqual({ hits: 1, revalidated: 0, misses: 1 });
  });

  test('after the TTL an unchanged version keeps the quests with one small read', async () => {
    const { projection, cache, advance } = setup(1000);
    await projection.applyQuest(quest());
    await cache.quests();

    advance(1000);
    await cache.quests();

    expect(projection.questReads).toBe(1);
    expect(cache.stats.revalidated).toBe(1);
  });

  test('a worker that did not take quest.updated sees the change after one TTL, by the version', async () => {
    const { projection, cache, advance } = setup(1000);
    await projection.applyQuest(quest());
    await cache.quests();
    // Another worker took the event: the projection changed, this worker's cache was not told.
    await projection.applyQuest(quest({ version: 2, active: false }));

    advance(1000);
    const quests = await cache.quests();

    expect(quests[0]?.active).toBe(false);
  });

  test('a quest.updated that arrives after a newer one of another quest still reaches every worker', async () => {
    const { projection, cache, advance } = setup(1000);
    await projection.applyQuest(quest({ questId: 'quest-b' }));
    await cache.quests();
    // quest-a's change was made first (catalog version 1) but arrives last, through another worker.
    await projection.applyQuest(quest({ questId: 'quest-a' }));

    advance(1000);
    const quests = await cache.quests();

    expect(quests.map((q) => q.questId).sort()).toEqual(['quest-a', 'quest-b']);
  });

  test('the worker that takes quest.updated drops its cache at once', async () => {
    const { projection, cache } = setup(60_000);
    await projection.applyQuest(quest());
    await cache.quests();

    await applyQuestUpdate({ projection, catalog: cache }, { quest: quest({ version: 2, target: 5 }) });
    const quests = await cache.quests();

    expect(quests[0]?.target).toBe(5);
  });

  test('a late quest.updated does not replace a newer quest', async () => {
    const { projection, cache } = setup(0);
    await projection.applyQuest(quest({ version: 3, target: 7 }));

    await applyQuestUpdate({ projection, catalog: cache }, { quest: quest({ version: 2, target: 5 }) });

    expect((await cache.quests())[0]?.target).toBe(7);
  });

  test('with the cache off every read loads the quests', async () => {
    const { projection, cache } = setup(undefined);
    await projection.applyQuest(quest());

    await cache.quests();
    await cache.quests();

    expect(projection.questReads).toBe(2);
  });
});
