import { apiBaseUrl, loadOutputs } from './target';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  /** From the first send to the final answer, retries and their waits included. */
  ms: number;
  /** How many 429 answers were retried before this one. */
  throttled: number;
}

/**
 * How the client treats 429 Too Many Requests: it waits and sends the same request again, at most `retries`
 * times, honouring Retry-After when the answer has one, otherwise exponential backoff with jitter
 * (`baseMs` × 2^attempt, capped at `maxMs`, a random 50–100 % of it). It stops retrying when the next wait
 * would pass `deadlineMs` after the first send, and then returns the 429. Each retry is said on stderr
 * ("429 from POST /orders, retrying in 0.4 s") unless `quiet` (or API_CLIENT_QUIET=1).
 */
export interface ApiClientOptions {
  retries?: number;
  baseMs?: number;
  maxMs?: number;
  deadlineMs?: number;
  /** Aborts a single attempt after this long (the fetch throws a TimeoutError). None by default. */
  timeoutMs?: number;
  quiet?: boolean;
  onRetry?: (info: { method: string; path: string; attempt: number; waitMs: number }) => void;
}

const DEFAULTS = { retries: 8, baseMs: 200, maxMs: 5_000, deadlineMs: 30_000 };

/** Retry-After in seconds (or an HTTP date), as milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before retry number `attempt` (0-based): Retry-After plus up to 20 % jitter, or jittered backoff. */
export function backoffMs(
  attempt: number,
  retryAfter: number | undefined,
  options: { baseMs?: number; maxMs?: number } = {},
  random: () => number = Math.random,
): number {
  if (retryAfter !== undefined) return Math.round(retryAfter * (1 + 0.2 * random()));
  const cap = Math.min(options.maxMs ?? DEFAULTS.maxMs, (options.baseMs ?? DEFAULTS.baseMs) * 2 ** attempt);
  return Math.round(cap * (0.5 + 0.5 * random()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A small HTTP client for the platform's API, as a user's app would call it: it retries 429 with backoff. */
export function apiClient(
  token?: string,
  baseUrl: string = apiBaseUrl(loadOutputs()),
  options: ApiClientOptions = {},
) {
  const settings = { ...DEFAULTS, ...options };
  const quiet = options.quiet ?? process.env.API_CLIENT_QUIET === '1';
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    extra: {
      headers?: Record<string, string>;
      rawBody?: string;
      token?: string | null;
      /** false: return a 429 as it is, without retrying. */
      retry?: boolean;
    } = {},
  ): Promise<ApiResponse<T>> => {
    const bearer = extra.token === null ? undefined : (extra.token ?? token);
    const headers: Record<string, string> = {
      ...(body !== undefined || extra.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(extra.headers ?? {}),
    };
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: extra.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
        signal: settings.timeoutMs ? AbortSignal.timeout(settings.timeoutMs) : undefined,
      });
      const text = await response.text();
      const elapsed = performance.now() - started;
      if (response.status === 429 && extra.retry !== false && attempt < settings.retries) {
        const waitMs = backoffMs(attempt, retryAfterMs(response.headers.get('retry-after')), settings);
        if (elapsed + waitMs <= settings.deadlineMs) {
          if (!quiet) {
            process.stderr.write(`429 from ${method} ${path}, retrying in ${(waitMs / 1000).toFixed(1)} s\n`);
          }
          options.onRetry?.({ method, path, attempt, waitMs });
          await sleep(waitMs);
          continue;
        }
      }
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text so a failing assertion shows it
      }
      return {
        status: response.status,
        body: parsed as T,
        headers: response.headers,
        ms: elapsed,
        throttled: attempt,
      };
    }
  };
  return {
    get: <T = unknown>(path: string, extra?: Parameters<typeof call>[3]) =>
      call<T>('GET', path, undefined, extra),
    post: <T = unknown>(path: string, body?: unknown, extra?: Parameters<typeof call>[3]) =>
      call<T>('POST', path, body, extra),
    patch: <T = unknown>(path: string, body?: unknown, extra?: Parameters<typeof call>[3]) =>
      call<T>('PATCH', path, body, extra),
    call,
  };
}
