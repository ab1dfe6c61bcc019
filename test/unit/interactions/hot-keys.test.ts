import {
  activeKey,
  activePartitions,
  rosterKey,
  rosterPartitions,
} from '../../../functions/interactions/adapters/keys';

/** What one DynamoDB partition accepts: 1,000 write units a second. */
const PARTITION_WRITE_UNITS = 1_000;
const players = Array.from({ length: 1_000 }, (_, i) => `player-${i}-${(i * 7919).toString(36)}`);

function busiestPartition(pks: string[]): number {
  const counts = new Map<string, number>();
  for (const pk of pks) counts.set(pk, (counts.get(pk) ?? 0) + 1);
  return Math.max(...counts.values());
}

describe('the hot keys of the interactions table', () => {
  test('1,000 completions a second put no active-day partition past a third of what it accepts', () => {
    // Each completion writes its active-day item in a transaction: two write units.
    const busiest = busiestPartition(players.map((userId) => activeKey('2026-11-22', userId).pk));

    expect(busiest * 2).toBeLessThanOrEqual(PARTITION_WRITE_UNITS / 3);
  });

  test('1,000 adoptions a second put no roster partition past a fifth of what it accepts', () => {
    const busiest = busiestPartition(players.map((userId) => rosterKey(userId).pk));

    expect(busiest).toBeLessThanOrEqual(PARTITION_WRITE_UNITS / 5);
  });

  test('a player always lands in the same roster partition, so adopting twice keeps one entry', () => {
    expect(rosterKey('player-42')).toEqual(rosterKey('player-42'));
  });

  test('the readers query every partition a writer may use', () => {
    const active = new Set(activePartitions('2026-11-22'));
    const roster = new Set(rosterPartitions());

    for (const userId of players) {
      expect(active.has(activeKey('2026-11-22', userId).pk)).toBe(true);
      expect(roster.has(rosterKey(userId).pk)).toBe(true);
    }
  });
});
