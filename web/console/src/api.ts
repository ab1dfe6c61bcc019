export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface ApiProblem {
  code?: string;
  message?: string;
  details?: { field: string; message: string }[];
}

/** The API with the signed-in user's token; a 401 means the session is over. */
export class Api {
  constructor(
    private readonly base: string,
    private readonly token: () => string,
    private readonly onUnauthorized: () => void,
  ) {}

  get<T>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T>(path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.call<T>('POST', path, body, headers);
  }
  patch<T>(path: string, body: unknown) {
    return this.call<T>('PATCH', path, body);
  }
  delete<T>(path: string) {
    return this.call<T>('DELETE', path);
  }

  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(this.base + path, {
      method,
      headers: {
        authorization: `Bearer ${this.token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) this.onUnauthorized();
    const text = await response.text();
    let parsed: unknown = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { message: text };
    }
    return { status: response.status, body: parsed as T } satisfies ApiAnswer<T>;
  }
}

/** A refusal in words a user reads: the message and the fields it names. */
export function problemText(answer: ApiAnswer<unknown>): string {
  const problem = answer.body as ApiProblem;
  const fields = problem.details?.map((d) => `${d.field} ${d.message}`).join('; ');
  return [problem.message ?? `The server answered ${answer.status}.`, fields].filter(Boolean).join(' — ');
}
