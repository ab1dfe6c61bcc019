import type { Api } from './api';
import type { ConsoleConfig } from './config';
import type { LiveUpdates } from './live';

/** What every page gets: the API with the user's token, who the user is, and the live updates (if any). */
export interface PageContext {
  api: Api;
  config: ConsoleConfig;
  me: { userId: string; username: string; groups: string[] };
  live: LiveUpdates | undefined;
}

/** A page draws itself into `root` and returns what stops its timers and subscriptions when the user leaves. */
export type Page = (root: HTMLElement, context: PageContext) => () => void;

/** Polls `check` every `intervalMs` until it says done, the page is left, or the deadline passes. */
export function poll(check: () => Promise<boolean>, intervalMs: number, deadlineMs: number): () => void {
  let stopped = false;
  const until = Date.now() + deadlineMs;
  const tick = async () => {
    if (stopped || Date.now() > until) return;
    const done = await check().catch(() => false);
    if (!done && !stopped) setTimeout(tick, intervalMs);
  };
  void tick();
  return () => {
    stopped = true;
  };
}
