// `openzoom start --help`: every server flag, its environment variable and
// default. Typed over config.ts's SERVER_OPTIONS, so a new server flag does
// not compile until it is described here.
import type { SERVER_OPTIONS } from '../../config.ts';

export interface ServerFlag {
  value: string;
  env: string;
  fallback: string;
  description: string;
}

export const SERVER_FLAGS: Record<keyof typeof SERVER_OPTIONS, ServerFlag> = {
  port: { value: 'N', env: 'OPENZOOM_PORT', fallback: '9090', description: 'port to listen on (0 picks a free one)' },
  host: { value: 'H', env: 'OPENZOOM_HOST', fallback: '127.0.0.1', description: 'address to bind' },
  db: { value: 'PATH|URL', env: 'OPENZOOM_DB', fallback: './data/openzoom.db', description: 'SQLite file, :memory:, or postgres://user@host:5432/db' },
  'rate-limits': { value: 'on|off', env: 'OPENZOOM_RATE_LIMITS', fallback: 'on', description: "Zoom's rate limits" },
  redis: { value: 'URL', env: 'OPENZOOM_REDIS_URL', fallback: '', description: 'Redis for rate-limit counters shared by instances (else PostgreSQL counts them)' },
  'unknown-fields': { value: 'ignore|reject', env: 'OPENZOOM_UNKNOWN_FIELDS', fallback: 'ignore', description: 'body fields Zoom does not define: dropped, or 400 naming each' },
  'recurrence-limits': { value: 'doc|spec', env: 'OPENZOOM_RECURRENCE_LIMITS', fallback: 'doc', description: "meeting recurrence limits: Zoom's recurrence page (90 days/12 weeks/3 months, 50 times) or its OpenAPI file's" },
  'body-limit': { value: 'BYTES', env: 'OPENZOOM_BODY_LIMIT', fallback: '2097152', description: 'largest request body' },
  'base-url': { value: 'URL', env: 'OPENZOOM_BASE_URL', fallback: 'http://host:port', description: 'public URL used in api_url and links' },
  'allowed-hosts': { value: 'a,b', env: 'OPENZOOM_ALLOWED_HOSTS', fallback: '', description: 'extra host names the control plane and consent page answer (* for any)' },
  'request-timeout': { value: 'S', env: 'OPENZOOM_REQUEST_TIMEOUT', fallback: '30', description: 'seconds a client has to send a whole request' },
  'shutdown-grace': { value: 'S', env: 'OPENZOOM_SHUTDOWN_GRACE', fallback: '5', description: 'seconds requests in flight get on SIGTERM/SIGINT' },
  'consent-password': { value: 'on|off', env: 'OPENZOOM_CONSENT_PASSWORD', fallback: 'off on loopback', description: "approving on the consent page needs the user's password" },
  log: { value: 'pretty|json|off', env: 'OPENZOOM_LOG', fallback: 'pretty on a terminal, else json', description: 'a line per request on standard output' },
  'request-history': { value: 'N', env: 'OPENZOOM_REQUEST_HISTORY', fallback: '1000', description: 'requests kept for GET /_openzoom/requests (0: none)' },
  'webhook-retries': { value: 'M,M,M', env: 'OPENZOOM_WEBHOOK_RETRIES', fallback: '5,20,60', description: 'minutes of server clock before each retry of a failed delivery (none: no retry)' },
  'webhook-timeout': { value: 'S', env: 'OPENZOOM_WEBHOOK_TIMEOUT', fallback: '3', description: 'seconds a webhook endpoint has to answer' },
  'webhook-gather': { value: 'MS', env: 'OPENZOOM_WEBHOOK_GATHER', fallback: '20', description: 'real milliseconds commits are gathered before their deliveries are sent together (0: at once)' },
  'webhook-retention': { value: 'DAYS', env: 'OPENZOOM_WEBHOOK_RETENTION', fallback: '7', description: 'days of server clock delivered events stay in the log' },
};
