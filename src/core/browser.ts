// Requests a web page in the user's browser could send on its own behalf.
// The control plane and the consent page answer only when
// - the Host names this server: a loopback name, an IP address, the base
//   URL's host or one allowed by --allowed-hosts. DNS rebinding points a
//   name the attacker owns at 127.0.0.1; the browser then sends that name as
//   the Host, so refusing unknown names defeats it. An IP address cannot be
//   rebound, and names under .localhost always resolve to loopback.
// - an Origin, when there is one, is the server's own (the Host it was
//   sent to, or the base URL's origin). Browsers send Origin on every
//   cross-site POST, form or fetch; tools (curl, SDKs, tests) send none.
import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

/** The host name of a Host header value (`name`, `name:port`, `[v6]:port`), lower-cased, or null when malformed. */
function hostnameOf(host: string): string | null {
  if (!host || /[\s/\\@?#]/.test(host) || !URL.canParse(`http://${host}`)) return null;
  return new URL(`http://${host}`).hostname.replace(/\.$/, '');
}

const isIpLiteral = (name: string): boolean => isIP(name.replace(/^\[|\]$/g, '')) !== 0;

export class BrowserGuard {
  private readonly anyHost: boolean;
  private readonly names: ReadonlySet<string>;
  private readonly ownOrigin: string | undefined;

  constructor(allowedHosts: readonly string[], baseUrl: string | undefined) {
    this.anyHost = allowedHosts.includes('*');
    const names = new Set(['localhost', ...allowedHosts.map((h) => hostnameOf(h) ?? h)]);
    if (baseUrl && URL.canParse(baseUrl)) {
      const base = new URL(baseUrl);
      names.add(base.hostname.replace(/\.$/, ''));
      this.ownOrigin = base.origin;
    }
    this.names = names;
  }

  hostAllowed(host: string | undefined): boolean {
    const name = hostnameOf(host ?? '');
    if (name === null) return false;
    return this.anyHost || this.names.has(name) || name.endsWith('.localhost') || isIpLiteral(name);
  }

  /** Same-origin: the page was served by this server under the Host the request went to (either scheme: TLS may end at a proxy). */
  originAllowed(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (origin === this.ownOrigin) return true;
    if (!URL.canParse(origin) || !host) return false;
    const o = new URL(origin);
    if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
    return URL.canParse(`${o.protocol}//${host}`) && new URL(`${o.protocol}//${host}`).host === o.host;
  }

  /** Why a request must be refused, or null when it may go on. */
  refusal(headers: IncomingHttpHeaders): string | null {
    const host = headers.host;
    if (!this.hostAllowed(host)) {
      return `Host not allowed: ${host ?? '(none)'}. Use a loopback name or an IP address, or allow the name with --allowed-hosts (OPENZOOM_ALLOWED_HOSTS).`;
    }
    const origin = headers.origin;
    if (!this.originAllowed(origin, host)) return `Cross-origin request refused: ${origin}.`;
    return null;
  }
}
