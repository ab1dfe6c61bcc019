import { previousDayKey } from '../../../shared/time';

export const MAX_HP = 100;
export const MAX_MOOD = 5;
export const XP_PER_LEVEL = 100;
export const MISSED_DAY_HP_PENALTY = 10;
export const DEFAULT_PET_NAME = 'Mochi';

/** What the game rules change. */
export interface PetStats {
  hp: number;
  xp: number;
  level: number;
  mood: number;
  streak: number;
  /** The last UTC day with a completion: the first completion of a day lifts mood and continues the streak. */
  lastActiveDay: string | null;
}

export const NEW_PET_STATS: PetStats = { hp: 100, xp: 0, level: 1, mood: 5, streak: 0, lastActiveDay: null };

/** A player's pet: its stats, where its history ends, and a version for optimistic locking. */
export interface Pet extends PetStats {
  userId: string;
  name: string;
  adoptedAt: string;
  /** The order key of the newest event applied; a later-arriving older event replays the history. */
  lastOrderKey: string | null;
  version: number;
  updatedAt: string;
}

export type PetEvent =
  | {
      type: 'interaction.completed';
      eventId: string;
      dayKey: string;
      occurredAt: string;
      templateId: string;
      hpDelta: number;
      xpReward: number;
    }
  | { type: 'interaction.missed'; eventId: string; dayKey: string; occurredAt: string };

/**
 * Events apply in the order they happened, not the order they arrive. A missed day is placed at the day's last
 * millisecond; the id breaks ties so that the order is total and replay is deterministic.
 */
export function orderKey(event: PetEvent): string {
  return `${event.occurredAt}|${event.eventId}`;
}

export function compareEvents(a: PetEvent, b: PetEvent): number {
  const ka = orderKey(a);
  const kb = orderKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function levelFor(xp: number): number {
  return Math.floor(xp / XP_PER_LEVEL) + 1;
}

export function applyEvent(stats: PetStats, event: PetEvent): PetStats {
  if (event.type === 'interaction.missed') {
    return {
      ...stats,
      hp: Math.max(0, stats.hp - MISSED_DAY_HP_PENALTY),
      mood: Math.max(0, stats.mood - 1),
      streak: 0,
    };
  }
  const xp = stats.xp + event.xpReward;
  const next: PetStats = {
    ...stats,
    hp: Math.min(MAX_HP, stats.hp + event.hpDelta),
    xp,
    level: levelFor(xp),
  };
  const firstCompletionOfDay = stats.lastActiveDay === null || event.dayKey > stats.lastActiveDay;
  if (!firstCompletionOfDay) return next;
  return {
    ...next,
    mood: Math.min(MAX_MOOD, stats.mood + 1),
    streak: stats.lastActiveDay === previousDayKey(event.dayKey) ? stats.streak + 1 : 1,
    lastActiveDay: event.dayKey,
  };
}

/** The pet's state is a pure function of the events applied to it, in the order they happened. */
export function replay(events: readonly PetEvent[], initial: PetStats = NEW_PET_STATS): PetStats {
  return [...events].sort(compareEvents).reduce(applyEvent, initial);
}

/**
 * How to take in a new event: when it is newer than everything applied so far it applies on top (the common
 * case); when it arrives late it is slotted into the history and everything is replayed.
 */
export function stateAfter(
  current: { stats: PetStats; lastOrderKey: string | null },
  event: PetEvent,
  history: () => readonly PetEvent[],
): { stats: PetStats; lastOrderKey: string; replayed: boolean } {
  const key = orderKey(event);
  if (current.lastOrderKey === null || key > current.lastOrderKey) {
    return { stats: applyEvent(current.stats, event), lastOrderKey: key, replayed: false };
  }
  // A late event is slotted in once, even if the history already holds a copy of it.
  const all = [...history().filter((e) => e.eventId !== event.eventId), event];
  return { stats: replay(all), lastOrderKey: current.lastOrderKey, replayed: true };
}

export interface HistoryEntry {
  eventId: string;
  type: PetEvent['type'];
  dayKey: string;
  occurredAt: string;
  templateId?: string;
  before: Omit<PetStats, 'lastActiveDay'>;
  after: Omit<PetStats, 'lastActiveDay'>;
  summary: string;
}

const visible = ({ lastActiveDay: _ignored, ...rest }: PetStats) => rest;

function describe(event: PetEvent, before: PetStats, after: PetStats): string {
  const changes: string[] = [];
  const note = (label: string, from: number, to: number) => {
    if (from !== to) changes.push(`${label} ${from} → ${to}`);
  };
  note('HP', before.hp, after.hp);
  note('XP', before.xp, after.xp);
  note('level', before.level, after.level);
  note('mood', before.mood, after.mood);
  note('streak', before.streak, after.streak);
  const what =
    event.type === 'interaction.missed'
      ? `Missed every interaction on ${event.dayKey}`
      : `Completed ${event.templateId} on ${event.dayKey}`;
  return `${what}: ${changes.length ? changes.join(', ') : 'no change'}`;
}

/** Each applied event with what it changed, newest first: why HP fell, why the streak reset. */
export function explainHistory(events: readonly PetEvent[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let stats = NEW_PET_STATS;
  for (const event of [...events].sort(compareEvents)) {
    const after = applyEvent(stats, event);
    entries.push({
      eventId: event.eventId,
      type: event.type,
      dayKey: event.dayKey,
      occurredAt: event.occurredAt,
      ...(event.type === 'interaction.completed' ? { templateId: event.templateId } : {}),
      before: visible(stats),
      after: visible(after),
      summary: describe(event, stats, after),
    });
    stats = after;
  }
  return entries.reverse();
}
