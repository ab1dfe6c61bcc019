import {
  applyEvent,
  NEW_PET_STATS,
  orderKey,
  type PetEvent,
  type PetStats,
  replay,
  stateAfter,
} from '../../../functions/pets/domain/pet';

/**
 * Property-style checks without a dependency: a seeded PRNG makes 200 random histories, and a failure names the
 * seed so that it can be replayed by hand.
 */
const RUNS = 200;
const TEMPLATES = ['drink_water', 'exercise_15m', 'play_10m', 'study_25m'];
// Across a year boundary, so that the streak's "day before" crosses it too.
const DAYS = ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'];

/** mulberry32: small, fast and good enough to shuffle test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const int = (random: () => number, below: number) => Math.floor(random() * below);

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = int(random, i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Events of one player over a few consecutive days, built in the order they happened: each day some templates
 * completed at distinct, increasing times, and sometimes a missed day at the day's last millisecond (even next
 * to completions: the rules must stay deterministic on odd input too).
 */
function chronologicalEvents(random: () => number): PetEvent[] {
  const firstDay = int(random, 2);
  const dayCount = 1 + int(random, DAYS.length - firstDay);
  const events: PetEvent[] = [];
  for (const dayKey of DAYS.slice(firstDay, firstDay + dayCount)) {
    let minute = 0;
    for (const templateId of shuffled(TEMPLATES, random)) {
      if (random() < 0.45) continue;
      minute += 1 + int(random, 300);
      events.push({
        type: 'interaction.completed',
        eventId: `completed#u1#${dayKey}#${templateId}`,
        dayKey,
        occurredAt: `${dayKey}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00.000Z`,
        templateId,
        hpDelta: int(random, 11),
        xpReward: int(random, 61),
      });
    }
    if (random() < 0.35) {
      events.push({
        type: 'interaction.missed',
        eventId: `missed#u1#${dayKey}`,
        dayKey,
        occurredAt: `${dayKey}T23:59:59.999Z`,
      });
    }
  }
  return events;
}

/** A pet part-way through its life, so that the floors and caps are within a few events' reach. */
function randomStart(random: () => number): PetStats {
  const xp = int(random, 300);
  return {
    hp: int(random, 101),
    xp,
    level: Math.floor(xp / 100) + 1,
    mood: int(random, 6),
    streak: int(random, 4),
    lastActiveDay: null,
  };
}

function outOfBounds(stats: PetStats): string[] {
  const problems: string[] = [];
  if (stats.hp < 0 || stats.hp > 100) problems.push(`hp ${stats.hp}`);
  if (stats.mood < 0 || stats.mood > 5) problems.push(`mood ${stats.mood}`);
  if (stats.streak < 0) problems.push(`streak ${stats.streak}`);
  if (stats.xp < 0) problems.push(`xp ${stats.xp}`);
  if (stats.level !== Math.floor(stats.xp / 100) + 1) problems.push(`level ${stats.level} at xp ${stats.xp}`);
  return problems;
}

describe('the pet rules on random histories', () => {
  test('replay of any arrival order equals applying the events one by one in the order they happened', () => {
    // Prepare
    const mismatches: unknown[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const random = prng(seed);
      const events = chronologicalEvents(random);
      const inOrder = events.reduce(applyEvent, NEW_PET_STATS);

      // Act
      const fromShuffle = replay(shuffled(events, random));

      // Assess (collected, so that a failure names its seed)
      if (JSON.stringify(fromShuffle) !== JSON.stringify(inOrder))
        mismatches.push({ seed, inOrder, fromShuffle });
    }
    expect(mismatches).toEqual([]);
  });

  test('every intermediate state stays within bounds, with the level following the XP', () => {
    const violations: unknown[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const random = prng(seed);
      const events = chronologicalEvents(random);

      let stats = randomStart(random);
      for (const event of events) {
        stats = applyEvent(stats, event);
        const problems = outOfBounds(stats);
        if (problems.length) violations.push({ seed, eventId: event.eventId, problems });
      }
    }
    expect(violations).toEqual([]);
  });

  test('the random histories reach the bounds, so the bounds check is not vacuous', () => {
    const seen = { hpFloor: false, hpCap: false, moodFloor: false, levelUp: false, longStreak: false };
    for (let seed = 1; seed <= RUNS; seed++) {
      const random = prng(seed);
      const events = chronologicalEvents(random);
      let stats = randomStart(random);
      for (const event of events) {
        stats = applyEvent(stats, event);
        seen.hpFloor ||= stats.hp === 0;
        seen.hpCap ||= stats.hp === 100;
        seen.moodFloor ||= stats.mood === 0;
        seen.levelUp ||= stats.level > 1;
        seen.longStreak ||= stats.streak >= 4;
      }
    }
    expect(seen).toEqual({ hpFloor: true, hpCap: true, moodFloor: true, levelUp: true, longStreak: true });
  });

  test('events taken in one by one, in any order and with duplicates, end where replay of the distinct events does', () => {
    const mismatches: unknown[] = [];
    let lateArrivals = 0;
    for (let seed = 1; seed <= RUNS; seed++) {
      // Prepare: a random arrival order with some events delivered twice or three times.
      const random = prng(seed);
      const events = chronologicalEvents(random);
      const deliveries = shuffled(
        events.flatMap((event) =>
          random() < 0.3 ? [event, event, ...(random() < 0.3 ? [event] : [])] : [event],
        ),
        random,
      );

      // Act: as the pets service does, the stored history holds each event id once.
      const stored = new Map<string, PetEvent>();
      let current: { stats: PetStats; lastOrderKey: string | null } = {
        stats: NEW_PET_STATS,
        lastOrderKey: null,
      };
      for (const event of deliveries) {
        const next = stateAfter(current, event, () => [...stored.values()]);
        if (next.replayed) lateArrivals++;
        current = { stats: next.stats, lastOrderKey: next.lastOrderKey };
        if (!stored.has(event.eventId)) stored.set(event.eventId, event);
      }

      // Assess
      const expected = replay(events);
      const newest = events.at(-1);
      const expectedKey = newest ? orderKey(newest) : null;
      if (
        JSON.stringify(current.stats) !== JSON.stringify(expected) ||
        current.lastOrderKey !== expectedKey
      ) {
        mismatches.push({ seed, deliveries: deliveries.map((e) => e.eventId), expected, got: current });
      }
    }
    expect(mismatches).toEqual([]);
    // The replay path must have been exercised, not only the in-order fast path.
    expect(lateArrivals).toBeGreaterThan(RUNS);
  });
});
