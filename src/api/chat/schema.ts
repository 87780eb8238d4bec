import type { SchemaModule } from '../../storage/schema.ts';
import { ChatErrors } from './errors.ts';

export const chatSchema: SchemaModule = {
  name: 'chat',
  tables: ['chat_channels', 'chat_channel_members', 'chat_messages', 'chat_external_contacts'],
  duplicates: {
    chat_channels_name: () => ChatErrors.channelNameTaken(),
    chat_external_contacts_email: () => ChatErrors.contactExists(),
  },
  migrations: [
    // Channels: `settings` is Zoom's channel_settings object as JSON. name_key
    // (lower-cased name) keeps named channels unique per account, as Zoom answers
    // 300 "The channel name already exists."; instant channels (type 4) have none.
    `
    CREATE TABLE chat_channels (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      name TEXT NOT NULL,
      name_key TEXT,
      type INTEGER NOT NULL,
      owner_id TEXT NOT NULL,
      archived INTEGER NOT NULL DEFAULT 0,
      settings TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX chat_channels_name ON chat_channels (account_id, name_key);
    CREATE TABLE chat_channel_members (
      account_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      role TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (account_id, channel_id, user_id)
    );
    CREATE INDEX chat_channel_members_list ON chat_channel_members (account_id, channel_id, added_at, user_id);
    CREATE INDEX chat_channel_members_user ON chat_channel_members (account_id, user_id, added_at, channel_id);
    CREATE TABLE chat_messages (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      session_id TEXT NOT NULL,
      channel_id TEXT,
      sender_id TEXT NOT NULL,
      contact_id TEXT,
      robot_jid TEXT,
      reply_main_message_id TEXT,
      status TEXT NOT NULL,
      message TEXT NOT NULL,
      created_ms BIGINT NOT NULL,
      updated_ms BIGINT NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX chat_messages_session ON chat_messages (account_id, session_id, created_ms, id);
    CREATE INDEX chat_messages_sender ON chat_messages (account_id, sender_id, created_ms, id);
    CREATE TABLE chat_external_contacts (
      account_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      id TEXT NOT NULL,
      email TEXT NOT NULL,
      data TEXT NOT NULL,
      added_at TEXT NOT NULL,
      PRIMARY KEY (account_id, user_id, id)
    );
    CREATE UNIQUE INDEX chat_external_contacts_email ON chat_external_contacts (account_id, user_id, email);
    CREATE INDEX chat_external_contacts_list ON chat_external_contacts (account_id, user_id, added_at, id)
    `,
  ],
};
