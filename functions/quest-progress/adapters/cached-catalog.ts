import type { Quest } from '../../../events/quests';
import type { CatalogProjection, QuestCatalog } from '../ports';

export interface CacheStats {
  /** Served from memory inside the TTL, no read at all. */
  hits: number;
  /** TTL over, but the catalog version was unchanged: one small read, the quests kept. */
  revalidated: number;
  /** Loaded (first read, version changed, or invalidated). */
  misses: number;
}

/**
 * The catalog inside the function. Each worker keeps the quests with the catalog version they were read at.
 * Inside the TTL a read costs nothing; after it, one consistent read of the version decides: unchanged, the
 * quests are kept for another TTL; changed, they are loaded again. quest.updated clears the worker that takes it
 * at once, and every other worker within one TTL at most, because the version it checks against is the one the
 * same event raised. So no worker serves a catalog older than the TTL, and TTL 0 checks the version on every
 * read (always current). `ttlMs: undefined` turns the cache off (the benchmark's baseline).
 */
export class CachedCatalog implements QuestCatalog {
  private entry: { version: number; quests: Quest[]; checkedAt: number } | undefined;
  readonly stats: CacheStats = { hits: 0, revalidated: 0, misses: 0 };

  constructor(
    private readonly projection: CatalogProjection,
    private readonly ttlMs: number | undefined,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async quests(): Promise<Quest[]> {
    if (this.ttlMs === undefined) {
      this.stats.misses++;
      return this.projection.quests();
    }
    const now = this.nowMs();
    if (this.entry && now - this.entry.checkedAt < this.ttlMs) {
      this.stats.hits++;
      return this.entry.quests;
    }
    // The version before the quests: if a change lands in between, the next check sees a newer version and reloads.
    const version = await this.projection.catalogVersion();
    if (this.entry && this.entry.version === version) {
      this.entry.checkedAt = now;
      this.stats.revalidated++;
      return this.entry.quests;
    }
    const quests = await this.projection.quests();
    this.entry = { version, quests, checkedAt: now };
    this.stats.misses++;
    return quests;
  }

  invalidate(): void {
    this.entry = undefined;
  }
}
