// Secrets never leave through the request history: values of fields that hold
// credentials are replaced in JSON text, form bodies and query strings. Works
// on truncated text too (a pattern per field, no parsing).

const MASK = '***';

/** Field names whose values are credentials. Page tokens are not: they only page a list. */
export function isSecretField(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'next_page_token') return false;
  return (
    n === 'authorization' ||
    n === 'code' ||
    n === 'code_verifier' ||
    n === 'zak' ||
    n === 'token' ||
    n.endsWith('_token') ||
    n.includes('password') ||
    n.includes('secret') ||
    n.includes('api_key') ||
    n.includes('admin_key')
  );
}

// "name": "string" or "name": number (Zoom's own `"code": 124` stays: only a string `code` is a secret).
const JSON_FIELD = /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"?|-?\d[\d.eE+-]*)/g;
// name=value pairs of a query string or an x-www-form-urlencoded body.
const FORM_FIELD = /(^|[?&])([^=&?#]+)=([^&#]*)/g;

export function maskJsonText(text: string): string {
  return text.replace(JSON_FIELD, (whole, name: string, colon: string, value: string) => {
    if (!isSecretField(name)) return whole;
    if (name.toLowerCase() === 'code' && !value.startsWith('"')) return whole;
    return `"${name}"${colon}"${MASK}"`;
  });
}

export function maskFormText(text: string): string {
  return text.replace(FORM_FIELD, (whole, sep: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // a malformed escape: judge the name as written
    }
    return isSecretField(decoded) ? `${sep}${name}=${MASK}` : whole;
  });
}

/** A body as text, secrets masked: JSON by its look, a form otherwise. */
export function maskBody(text: string): string {
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? maskJsonText(text) : maskFormText(text);
}

/** A request URL with secret query values masked. */
export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q) + maskFormText(url.slice(q));
}
