/** UTC day keys (YYYY-MM-DD): the unit of the pet game's daily rhythm. */
const DAY_MS = 86_400_000;

export function dayKeyOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(dayKey: string, days: number): string {
  const start = Date.parse(`${dayKey}T00:00:00.000Z`);
  if (Number.isNaN(start)) throw new Error(`Not a day key: ${dayKey}`);
  return dayKeyOf(new Date(start + days * DAY_MS));
}

export function previousDayKey(dayKey: string): string {
  return addDays(dayKey, -1);
}

/** The last millisecond of a UTC day: when a missed day is over. */
export function endOfDay(dayKey: string): string {
  return `${dayKey}T23:59:59.999Z`;
}

export function isValidDayKey(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const start = new Date(`${value}T00:00:00.000Z`);
  // Month 13 is an invalid date (toISOString would throw); Feb 30 is a valid one that rolls over to March.
  return !Number.isNaN(start.getTime()) && dayKeyOf(start) === value;
}
