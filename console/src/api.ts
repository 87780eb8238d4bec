// Talking to the server: the control plane (/_openzoom/…) and the public API
// (/v2/…) with an account token the control plane issues. The admin key, when
// the server needs one, is asked for once and kept for this tab only.
const KEY_STORE = 'openzoom.adminKey';

export class ApiError extends Error {
  readonly status: number;
  readonly code: number | string | undefined;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    const b = (body ?? {}) as { code?: number | string; message?: string };
    super(b.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = b.code;
    this.body = body;
  }
}

type Listener = () => void;
const keyListeners = new Set<Listener>();
/** Called when the control plane asks for the admin key. */
export function onKeyNeeded(fn: Listener): () => void {
  keyListeners.add(fn);
  return () => keyListeners.delete(fn);
}
export function setAdminKey(key: string): void {
  sessionStorage.setItem(KEY_STORE, key);
  tokens.clear();
}
const adminKey = () => sessionStorage.getItem(KEY_STORE);

export function controlHeaders(json: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (json) h['content-type'] = 'application/json';
  const key = adminKey();
  if (key) h['x-openzoom-admin-key'] = key;
  return h;
}

async function answer<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text };
    }
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body as T;
}

export interface Send {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
}

/** A control-plane call: `control('/clock')`. */
export async function control<T>(path: string, send: Send = {}): Promise<T> {
  const method = send.method ?? (send.body === undefined ? 'GET' : 'POST');
  const res = await fetch(`/_openzoom${path}`, {
    method,
    headers: controlHeaders(method !== 'GET'),
    ...(method !== 'GET' ? { body: JSON.stringify(send.body ?? {}) } : {}),
  });
  try {
    return await answer<T>(res);
  } catch (err) {
    if (err instanceof ApiError && err.status === 403 && /ADMIN_KEY/.test(err.message)) for (const fn of keyListeners) fn();
    throw err;
  }
}

/** Account tokens, kept for the tab (a reload reuses them: each new one is issued to a new app). */
const TOKEN_STORE = 'openzoom.tokens';
const tokens = {
  all(): Record<string, { token: string; until: number }> {
    try {
      return JSON.parse(sessionStorage.getItem(TOKEN_STORE) ?? '{}');
    } catch {
      return {};
    }
  },
  get(accountId: string) {
    return this.all()[accountId];
  },
  set(accountId: string, value: { token: string; until: number }) {
    sessionStorage.setItem(TOKEN_STORE, JSON.stringify({ ...this.all(), [accountId]: value }));
  },
  delete(accountId: string) {
    const { [accountId]: _gone, ...rest } = this.all();
    sessionStorage.setItem(TOKEN_STORE, JSON.stringify(rest));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_STORE);
  },
};

async function tokenFor(accountId: string): Promise<string> {
  const kept = tokens.get(accountId);
  if (kept && kept.until > Date.now()) return kept.token;
  const issued = await control<{ access_token: string; expires_in: number }>('/tokens', { body: { account_id: accountId } });
  tokens.set(accountId, { token: issued.access_token, until: Date.now() + (issued.expires_in - 60) * 1000 });
  return issued.access_token;
}

/** A public API call as the account's admin app: `api(accountId, '/users')`. */
export async function api<T>(accountId: string, path: string, send: Send = {}, retried = false): Promise<T> {
  const method = send.method ?? (send.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${await tokenFor(accountId)}` };
  if (send.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/v2${path}`, { method, headers, ...(send.body !== undefined ? { body: JSON.stringify(send.body) } : {}) });
  // A token the server no longer knows (a reset, a moved clock): a new one, once.
  if (res.status === 401 && !retried) {
    tokens.delete(accountId);
    return api(accountId, path, send, true);
  }
  return answer<T>(res);
}

/** A meeting UUID in a path: Zoom wants it encoded twice when it begins with / or holds //. */
export function uuidPath(uuid: string): string {
  const once = encodeURIComponent(uuid);
  return uuid.startsWith('/') || uuid.includes('//') ? encodeURIComponent(once) : once;
}

/** Server-sent events read with fetch (so the admin key goes as a header, which EventSource cannot send). */
export async function follow(path: string, onEvent: (event: string, data: string) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(`/_openzoom${path}`, { headers: { ...controlHeaders(false), accept: 'text/event-stream' }, signal });
  if (!res.ok || !res.body) return void (await answer(res));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length > 0) onEvent(event, data.join('\n'));
    }
  }
}

export function describe(err: unknown): string {
  if (err instanceof ApiError) return `${err.status}${err.code !== undefined ? ` · code ${err.code}` : ''}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
