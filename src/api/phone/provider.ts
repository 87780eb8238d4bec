// Zoom Phone (the Phone category, but call logs, recordings and voicemails):
// the account's phone system, numbers and calling plans, and phone users with
// their plans, numbers and settings. Composed from its sub-tags' files.
import type { Provider, ProviderDeps } from '../../core/provider.ts';
import { accountOperations } from './account.ts';
import { numberListRead, numberOperations } from './numbers.ts';
import { phoneUserSettingOperations } from './settings.ts';
import { phoneUserOperations, phoneUserRead } from './users.ts';

export function createPhoneProvider(deps: ProviderDeps): Provider {
  const phoneUser = phoneUserRead(deps.readCache('phone_user'));
  const listAccountPhoneNumbers = numberListRead(deps.readCache('phone_numbers', (c) => (c.kind === 'object' && c.object === 'phone_numbers' ? { accountId: c.accountId } : undefined)));
  return { ...accountOperations, ...numberOperations, listAccountPhoneNumbers, ...phoneUserOperations, phoneUser, ...phoneUserSettingOperations };
}
