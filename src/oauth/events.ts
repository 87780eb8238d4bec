// user.signed_in and user.signed_out for OAuth: a user approving an app on the
// consent page signs in (in the browser); revoking that user's token signs out.
import type { Clock } from '../core/clock.ts';
import { getUser } from '../api/users/repository.ts';
import type { Queryable } from '../storage/db.ts';
import { emitEvent } from '../webhooks/emit.ts';

// Zoom's login types in these events: 100 work email, 101 SSO (0 Facebook, 1 Google).
const SSO_LOGIN_TYPE = 101;
const WORK_EMAIL_LOGIN_TYPE = 100;

export async function emitSignedInOut(
  tx: Queryable,
  clock: Clock,
  event: 'user.signed_in' | 'user.signed_out',
  who: { accountId: string; clientId: string; userId: string },
): Promise<void> {
  const user = await getUser(tx, who.accountId, who.userId);
  if (!user) return;
  const now = clock.now();
  await emitEvent(tx, { accountId: who.accountId, operatorUserId: user.id, clientId: who.clientId, now }, event, {
    object: {
      id: user.id,
      client_type: 'browser',
      date_time: clock.iso(now),
      email: user.email,
      // The consent page is no Zoom client: it has no client version.
      version: '',
      login_type: user.profile.login_types.includes(SSO_LOGIN_TYPE) ? SSO_LOGIN_TYPE : WORK_EMAIL_LOGIN_TYPE,
    },
  });
}
