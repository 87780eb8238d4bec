// Team Chat: Chat Channels (and their account-level forms), Chat Messages,
// Contacts, Chatbot Messages and IM Chat, composed from one file per sub-tag.
import type { Provider, ProviderDeps } from '../../core/provider.ts';
import { createChannelOperations } from './channels.ts';
import { createChatbotOperations } from './chatbot.ts';
import { createContactOperations } from './contacts.ts';
import { createImOperations } from './im.ts';
import { createMessageOperations } from './messages.ts';

export function createChatProvider(deps: ProviderDeps): Provider {
  return {
    ...createChannelOperations(deps),
    ...createMessageOperations(deps),
    ...createContactOperations(),
    ...createChatbotOperations(),
    ...createImOperations(),
  };
}
