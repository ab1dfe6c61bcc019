import { apiBaseUrl, loadOutputs } from './target';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
  ms: number;
}

/** A small HTTP client for the platform's API, as a user's app would call it. */
export function apiClient(token?: string, baseUrl: string = apiBaseUrl(loadOutputs())) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    extra: { headers?: Record<string, string>; rawBody?: string; token?: string | null } = {},
  ): Promise<ApiResponse<T>> => {
    const bearer = extra.token === null ? undefined : (extra.token ?? token);
    const headers: Record<string, string> = {
      ...(body !== undefined || extra.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(extra.headers ?? {}),
    };
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: extra.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
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
      ms: performance.now() - started,
    };
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
