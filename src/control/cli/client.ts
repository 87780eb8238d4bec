// The CLI talks to a running server through its control plane (and, for a
// token, through /oauth/token as an app would). Failures become CliError with
// the server's own message, or a hint when nothing answers.

export class CliError extends Error {
  /** 1: the server refused or is unreachable; 2: the command line was wrong. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface ControlClient {
  readonly url: string;
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body?: unknown): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown): Promise<T>;
  delete<T = unknown>(path: string): Promise<T>;
  /** A request without the control plane's JSON rules (the OAuth token endpoint). */
  raw(path: string, init: RequestInit): Promise<Response>;
  /** Any path (control plane, API, OAuth) with the control-plane key; the status and JSON body as they came, never thrown. */
  exchange(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
}

interface ZoomErrorBody {
  code?: number | string;
  message?: string;
  reason?: string;
  errors?: Array<{ field: string; message: string }>;
}

function describe(status: number, text: string): string {
  let body: ZoomErrorBody = {};
  try {
    body = JSON.parse(text) as ZoomErrorBody;
  } catch {
    // not JSON: show the text
  }
  const message = body.message ?? body.reason ?? (text.slice(0, 200) || 'no answer body');
  const fieldsText = (body.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
  return `${status}${body.code !== undefined ? ` (code ${body.code})` : ''}: ${message}${fieldsText}`;
}

export function controlClient(url: string, adminKey: string | undefined): ControlClient {
  const base = url.replace(/\/+$/, '');
  const headers = (json: boolean): Record<string, string> => ({
    accept: 'application/json',
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(adminKey ? { 'x-openzoom-admin-key': adminKey } : {}),
  });

  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, init);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new CliError(`No OpenZoom server answers at ${base} (${why}). Start one with \`openzoom start\`, or point --url at it.`);
    }
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await send(`/_openzoom${path}`, {
      method,
      headers: headers(method !== 'GET'),
      ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const text = await res.text();
    if (!res.ok) {
      const hint = res.status === 403 && !adminKey && /OPENZOOM_ADMIN_KEY/.test(text) ? '\nSet OPENZOOM_ADMIN_KEY (or --admin-key) to the server’s key.' : '';
      throw new CliError(`${method} /_openzoom${path} → ${describe(res.status, text)}${hint}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    url: base,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
    delete: (path) => call('DELETE', path),
    raw: (path, init) => send(path, init),
    async exchange(method, path, body, extra = {}) {
      const res = await send(path, { method, headers: { ...headers(body !== undefined), ...extra }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed };
    },
  };
}

export { describe as describeFailure };
