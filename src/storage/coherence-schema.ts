// Triggers that keep every instance's caches coherent (src/core/coherence.ts)
// and the rule that a removed user's access tokens die with it. They live in
// the database so that no write path can forget them.
//
// Each change to a cached row publishes one line, `kind:key`:
//   a:<account id>            an account changed or went (AccountDirectory)
//   t:<jti>                   an access token was revoked or deleted (Tokens)
//   r:<account id>:<role id>  a role was added, changed or removed (role privileges)
//   c:<clock state JSON>      the shared clock moved (Clock)
//   o:<kind>:<account>:<id>   an object whose single-read answer is kept changed
//                             (ReadCache): a user (or one added: kept pages of
//                             List users), a group (its row or members),
//                             a role (the users holding it), a Zoom Room (its row,
//                             its locations, the account's Zoom Rooms profile),
//                             a meeting or webinar (its row; one added: kept
//                             pages of their lists), an ended instance
//                             (past_meeting / past_webinar: its row, its
//                             participants and stints), a recording (its row
//                             or its files), a tracking field; and
//                             `o:<list>:<account>:<table>` for kept pages of
//                             other lists
// PostgreSQL publishes each line with pg_notify on the schema's channel: every
// instance's listener gets it at commit, the writing instance's included.
// SQLite, one process, appends the line to `cache_changes`, which the writing
// transaction reads and empties.
//
// A user deleted from an account (userDelete, a switch to another account) or
// deactivated loses its access tokens in the same transaction: they are revoked,
// which publishes their `t:` lines, so every instance refuses them at once.
//
// Rate-limit counters shared by instances on PostgreSQL alone (no Redis) sit
// in an UNLOGGED table: they need no crash safety, and skipping the WAL keeps
// the one upsert per request cheap.
import type { SchemaModule } from './schema.ts';

const pgTrigger = (name: string, body: string) =>
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
${body}
  RETURN NULL;
END $$`;

/**
 * A trigger function whose body reads the row written as `changed` (OLD for a
 * delete, else NEW): for rows whose keys an update never changes.
 */
const pgRowTrigger = (name: string, body: string) =>
  `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
${body}
  RETURN NULL;
END $$`;

const revokeUserTokens = 'UPDATE access_tokens SET revoked = 1 WHERE account_id = OLD.account_id AND user_id = OLD.id AND revoked = 0';

/** SQLite: the line of the ended instance a participant or stint row (`row`: OLD or NEW) belongs to; none while it is live. */
const pastLine = (row: 'OLD' | 'NEW') =>
  `INSERT INTO cache_changes (line) SELECT 'o:past_' || i.kind || ':' || i.account_id || ':' || i.uuid FROM live_instances i WHERE i.account_id = ${row}.account_id AND i.uuid = ${row}.instance_uuid AND i.status = 'ended'`;

/** SQLite: the lines of the recording a file row (`row`: OLD or NEW) belongs to: its UUID and, while the recording is there, its meeting number. */
const recordingFileLines = (row: 'OLD' | 'NEW') =>
  `INSERT INTO cache_changes (line) SELECT 'o:recording:' || ${row}.account_id || ':' || ${row}.meeting_uuid UNION ALL SELECT 'o:recording:' || r.account_id || ':' || r.meeting_id FROM recordings r WHERE r.account_id = ${row}.account_id AND r.uuid = ${row}.meeting_uuid`;

export const coherenceSchema: SchemaModule = {
  name: 'coherence',
  tables: [],
  // A step's place is its version: new steps go at the end, never between others.
  migrations: [
    // Revoking a user's tokens finds them by user. Tokens of users removed or
    // deactivated before this rule existed are revoked now.
    `CREATE INDEX access_tokens_user ON access_tokens (account_id, user_id);
    UPDATE access_tokens SET revoked = 1 WHERE revoked = 0 AND user_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM users u WHERE u.account_id = access_tokens.account_id AND u.id = access_tokens.user_id AND u.status <> 'inactive'
    )`,
    {
      postgres: [
        `CREATE FUNCTION openzoom_publish(channel_schema text, line text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(left('openzoom_' || channel_schema, 63), line);
END $$`,
        pgTrigger('openzoom_account_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'a:' || OLD.id);`),
        'CREATE TRIGGER accounts_changed AFTER UPDATE OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION openzoom_account_changed()',
        pgTrigger('openzoom_token_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 't:' || OLD.jti);`),
        'CREATE TRIGGER access_tokens_changed AFTER UPDATE OF revoked OR DELETE ON access_tokens FOR EACH ROW EXECUTE FUNCTION openzoom_token_changed()',
        pgTrigger(
          'openzoom_role_changed',
          `  IF TG_OP = 'INSERT' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'r:' || NEW.account_id || ':' || NEW.id);
  ELSE
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'r:' || OLD.account_id || ':' || OLD.id);
  END IF;`,
        ),
        'CREATE TRIGGER roles_changed AFTER INSERT OR UPDATE OR DELETE ON roles FOR EACH ROW EXECUTE FUNCTION openzoom_role_changed()',
        pgTrigger('openzoom_clock_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'c:' || NEW.value);`),
        "CREATE TRIGGER clock_changed AFTER INSERT OR UPDATE ON meta FOR EACH ROW WHEN (NEW.key = 'clock') EXECUTE FUNCTION openzoom_clock_changed()",
        pgTrigger('openzoom_user_removed', `  ${revokeUserTokens};`),
        'CREATE TRIGGER users_removed AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION openzoom_user_removed()',
        "CREATE TRIGGER users_deactivated AFTER UPDATE OF status ON users FOR EACH ROW WHEN (NEW.status = 'inactive' AND OLD.status <> 'inactive') EXECUTE FUNCTION openzoom_user_removed()",
        'CREATE UNLOGGED TABLE rate_counters (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, count INTEGER NOT NULL)',
        // Counts one hit in each counter in order and stops after the first one
        // past its limit, as RateLimiter checks them. A hit that computed the
        // previous window just before another instance moved on counts in the
        // current one (never fewer than Zoom allows across instances); any other
        // window (the clock was moved) starts the counter again.
        `CREATE FUNCTION openzoom_hit(keys text[], windows bigint[], spans bigint[], limits integer[]) RETURNS integer[] LANGUAGE plpgsql AS $$
DECLARE
  counts integer[] := '{}';
  n integer;
BEGIN
  FOR i IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
    INSERT INTO rate_counters AS c (key, window_start, count) VALUES (keys[i], windows[i], 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN excluded.window_start = c.window_start OR excluded.window_start = c.window_start - spans[i] THEN c.count + 1 ELSE 1 END,
      window_start = CASE WHEN excluded.window_start = c.window_start - spans[i] THEN c.window_start ELSE excluded.window_start END
    RETURNING count INTO n;
    counts := counts || n;
    EXIT WHEN n > limits[i];
  END LOOP;
  RETURN counts;
END $$`,
      ],
      sqlite: [
        'CREATE TABLE cache_changes (line TEXT NOT NULL)',
        "CREATE TRIGGER accounts_changed AFTER UPDATE ON accounts BEGIN INSERT INTO cache_changes (line) VALUES ('a:' || OLD.id); END",
        "CREATE TRIGGER accounts_removed AFTER DELETE ON accounts BEGIN INSERT INTO cache_changes (line) VALUES ('a:' || OLD.id); END",
        "CREATE TRIGGER access_tokens_changed AFTER UPDATE OF revoked ON access_tokens BEGIN INSERT INTO cache_changes (line) VALUES ('t:' || OLD.jti); END",
        "CREATE TRIGGER access_tokens_removed AFTER DELETE ON access_tokens BEGIN INSERT INTO cache_changes (line) VALUES ('t:' || OLD.jti); END",
        "CREATE TRIGGER roles_added AFTER INSERT ON roles BEGIN INSERT INTO cache_changes (line) VALUES ('r:' || NEW.account_id || ':' || NEW.id); END",
        "CREATE TRIGGER roles_changed AFTER UPDATE ON roles BEGIN INSERT INTO cache_changes (line) VALUES ('r:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER roles_removed AFTER DELETE ON roles BEGIN INSERT INTO cache_changes (line) VALUES ('r:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER clock_added AFTER INSERT ON meta WHEN NEW.key = 'clock' BEGIN INSERT INTO cache_changes (line) VALUES ('c:' || NEW.value); END",
        "CREATE TRIGGER clock_changed AFTER UPDATE ON meta WHEN NEW.key = 'clock' BEGIN INSERT INTO cache_changes (line) VALUES ('c:' || NEW.value); END",
        `CREATE TRIGGER users_removed AFTER DELETE ON users BEGIN ${revokeUserTokens}; END`,
        `CREATE TRIGGER users_deactivated AFTER UPDATE OF status ON users WHEN NEW.status = 'inactive' AND OLD.status <> 'inactive' BEGIN ${revokeUserTokens}; END`,
      ],
    },
    // Kept single-read answers (core/read-cache.ts): a user's answer is its row;
    // a group's is its row and its member count. Membership changes touch both.
    {
      postgres: [
        pgTrigger('openzoom_user_answer_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:user:' || OLD.account_id || ':' || OLD.id);`),
        'CREATE TRIGGER users_answer_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION openzoom_user_answer_changed()',
        pgTrigger('openzoom_group_answer_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:group:' || OLD.account_id || ':' || OLD.id);`),
        'CREATE TRIGGER groups_answer_changed AFTER UPDATE OR DELETE ON groups FOR EACH ROW EXECUTE FUNCTION openzoom_group_answer_changed()',
        pgTrigger(
          'openzoom_group_member_changed',
          `  IF TG_OP <> 'DELETE' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:group:' || NEW.account_id || ':' || NEW.group_id);
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:user:' || NEW.account_id || ':' || NEW.user_id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:group:' || OLD.account_id || ':' || OLD.group_id);
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:user:' || OLD.account_id || ':' || OLD.user_id);
  END IF;`,
        ),
        'CREATE TRIGGER group_members_changed AFTER INSERT OR UPDATE OR DELETE ON group_members FOR EACH ROW EXECUTE FUNCTION openzoom_group_member_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER users_answer_changed AFTER UPDATE ON users BEGIN INSERT INTO cache_changes (line) VALUES ('o:user:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER users_answer_removed AFTER DELETE ON users BEGIN INSERT INTO cache_changes (line) VALUES ('o:user:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER groups_answer_changed AFTER UPDATE ON groups BEGIN INSERT INTO cache_changes (line) VALUES ('o:group:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER groups_answer_removed AFTER DELETE ON groups BEGIN INSERT INTO cache_changes (line) VALUES ('o:group:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER group_members_added AFTER INSERT ON group_members BEGIN INSERT INTO cache_changes (line) VALUES ('o:group:' || NEW.account_id || ':' || NEW.group_id), ('o:user:' || NEW.account_id || ':' || NEW.user_id); END",
        "CREATE TRIGGER group_members_changed AFTER UPDATE ON group_members BEGIN INSERT INTO cache_changes (line) VALUES ('o:group:' || OLD.account_id || ':' || OLD.group_id), ('o:user:' || OLD.account_id || ':' || OLD.user_id), ('o:group:' || NEW.account_id || ':' || NEW.group_id), ('o:user:' || NEW.account_id || ':' || NEW.user_id); END",
        "CREATE TRIGGER group_members_removed AFTER DELETE ON group_members BEGIN INSERT INTO cache_changes (line) VALUES ('o:group:' || OLD.account_id || ':' || OLD.group_id), ('o:user:' || OLD.account_id || ':' || OLD.user_id); END",
      ],
    },
    // A role's answer is its row (its `r:` line drops it), the count of users
    // holding it, and whether its account has a master or sub accounts: a
    // sub account created, moved or removed publishes its master's `a:` line.
    {
      postgres: [
        pgTrigger(
          'openzoom_role_holders_changed',
          `  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.role_id IS DISTINCT FROM OLD.role_id) THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:role:' || NEW.account_id || ':' || NEW.role_id);
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.role_id IS DISTINCT FROM OLD.role_id) THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:role:' || OLD.account_id || ':' || OLD.role_id);
  END IF;`,
        ),
        'CREATE TRIGGER users_role_holders AFTER INSERT OR DELETE OR UPDATE OF role_id ON users FOR EACH ROW EXECUTE FUNCTION openzoom_role_holders_changed()',
        pgTrigger(
          'openzoom_sub_account_changed',
          `  IF TG_OP <> 'DELETE' AND NEW.master_account_id IS NOT NULL THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'a:' || NEW.master_account_id);
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.master_account_id IS NOT NULL THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'a:' || OLD.master_account_id);
  END IF;`,
        ),
        'CREATE TRIGGER accounts_sub_changed AFTER INSERT OR DELETE OR UPDATE OF master_account_id ON accounts FOR EACH ROW EXECUTE FUNCTION openzoom_sub_account_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER users_role_holders_added AFTER INSERT ON users BEGIN INSERT INTO cache_changes (line) VALUES ('o:role:' || NEW.account_id || ':' || NEW.role_id); END",
        "CREATE TRIGGER users_role_holders_removed AFTER DELETE ON users BEGIN INSERT INTO cache_changes (line) VALUES ('o:role:' || OLD.account_id || ':' || OLD.role_id); END",
        "CREATE TRIGGER users_role_holders_changed AFTER UPDATE OF role_id ON users WHEN NEW.role_id IS NOT OLD.role_id BEGIN INSERT INTO cache_changes (line) VALUES ('o:role:' || OLD.account_id || ':' || OLD.role_id), ('o:role:' || NEW.account_id || ':' || NEW.role_id); END",
        "CREATE TRIGGER accounts_sub_added AFTER INSERT ON accounts WHEN NEW.master_account_id IS NOT NULL BEGIN INSERT INTO cache_changes (line) VALUES ('a:' || NEW.master_account_id); END",
        "CREATE TRIGGER accounts_sub_removed AFTER DELETE ON accounts WHEN OLD.master_account_id IS NOT NULL BEGIN INSERT INTO cache_changes (line) VALUES ('a:' || OLD.master_account_id); END",
        "CREATE TRIGGER accounts_sub_moved AFTER UPDATE OF master_account_id ON accounts BEGIN INSERT INTO cache_changes (line) SELECT 'a:' || m FROM (SELECT OLD.master_account_id AS m UNION SELECT NEW.master_account_id) WHERE m IS NOT NULL; END",
      ],
    },
      // Kept answers of Get a channel: the channel's row alone.
    {
      postgres: [
        pgTrigger('openzoom_channel_answer_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:channel:' || OLD.account_id || ':' || OLD.id);`),
        'CREATE TRIGGER chat_channels_answer_changed AFTER UPDATE OR DELETE ON chat_channels FOR EACH ROW EXECUTE FUNCTION openzoom_channel_answer_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER chat_channels_answer_changed AFTER UPDATE ON chat_channels BEGIN INSERT INTO cache_changes (line) VALUES ('o:channel:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER chat_channels_answer_removed AFTER DELETE ON chat_channels BEGIN INSERT INTO cache_changes (line) VALUES ('o:channel:' || OLD.account_id || ':' || OLD.id); END",
      ],
    },
    // Kept answers of Get a meeting: the meeting's row (schedule, settings, live status).
    {
      postgres: [
        pgTrigger('openzoom_meeting_answer_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:meeting:' || OLD.account_id || ':' || OLD.id);`),
        'CREATE TRIGGER meetings_answer_changed AFTER UPDATE OR DELETE ON meetings FOR EACH ROW EXECUTE FUNCTION openzoom_meeting_answer_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER meetings_answer_changed AFTER UPDATE ON meetings BEGIN INSERT INTO cache_changes (line) VALUES ('o:meeting:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER meetings_answer_removed AFTER DELETE ON meetings BEGIN INSERT INTO cache_changes (line) VALUES ('o:meeting:' || OLD.account_id || ':' || OLD.id); END",
      ],
    },
    // Kept answers of Get a phone user: its phone_users row, its extension,
    // the numbers it holds (before and after a change), its calling plans and
    // its users row (email).
    {
      postgres: [
        pgTrigger(
          'openzoom_phone_user_answer_changed',
          `  IF TG_TABLE_NAME = 'phone_numbers' THEN
    IF TG_OP <> 'INSERT' AND OLD.assignee_type = 'user' THEN PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:phone_user:' || OLD.account_id || ':' || OLD.assignee_id); END IF;
    IF TG_OP <> 'DELETE' AND NEW.assignee_type = 'user' THEN PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:phone_user:' || NEW.account_id || ':' || NEW.assignee_id); END IF;
  ELSIF TG_TABLE_NAME = 'phone_extensions' THEN
    IF OLD.owner_type = 'user' THEN PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:phone_user:' || OLD.account_id || ':' || OLD.owner_id); END IF;
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:phone_user:' || OLD.account_id || ':' || OLD.id);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:phone_user:' || NEW.account_id || ':' || NEW.user_id);
  ELSE
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:phone_user:' || OLD.account_id || ':' || OLD.user_id);
  END IF;`,
        ),
        'CREATE TRIGGER phone_users_answer_changed AFTER UPDATE OR DELETE ON phone_users FOR EACH ROW EXECUTE FUNCTION openzoom_phone_user_answer_changed()',
        'CREATE TRIGGER phone_extensions_answer_changed AFTER UPDATE OR DELETE ON phone_extensions FOR EACH ROW EXECUTE FUNCTION openzoom_phone_user_answer_changed()',
        'CREATE TRIGGER phone_numbers_answer_changed AFTER INSERT OR UPDATE OR DELETE ON phone_numbers FOR EACH ROW EXECUTE FUNCTION openzoom_phone_user_answer_changed()',
        'CREATE TRIGGER phone_user_plans_answer_changed AFTER INSERT OR DELETE ON phone_user_plans FOR EACH ROW EXECUTE FUNCTION openzoom_phone_user_answer_changed()',
        'CREATE TRIGGER users_phone_answer_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION openzoom_phone_user_answer_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER phone_users_answer_changed AFTER UPDATE ON phone_users BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || OLD.account_id || ':' || OLD.user_id); END",
        "CREATE TRIGGER phone_users_answer_removed AFTER DELETE ON phone_users BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || OLD.account_id || ':' || OLD.user_id); END",
        "CREATE TRIGGER phone_extensions_answer_changed AFTER UPDATE ON phone_extensions WHEN OLD.owner_type = 'user' BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || OLD.account_id || ':' || OLD.owner_id); END",
        "CREATE TRIGGER phone_extensions_answer_removed AFTER DELETE ON phone_extensions WHEN OLD.owner_type = 'user' BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || OLD.account_id || ':' || OLD.owner_id); END",
        "CREATE TRIGGER phone_numbers_answer_added AFTER INSERT ON phone_numbers WHEN NEW.assignee_type = 'user' BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || NEW.account_id || ':' || NEW.assignee_id); END",
        "CREATE TRIGGER phone_numbers_answer_changed AFTER UPDATE ON phone_numbers BEGIN INSERT INTO cache_changes (line) SELECT 'o:phone_user:' || a || ':' || u FROM (SELECT OLD.account_id AS a, OLD.assignee_id AS u, OLD.assignee_type AS t UNION SELECT NEW.account_id, NEW.assignee_id, NEW.assignee_type) WHERE t = 'user'; END",
        "CREATE TRIGGER phone_numbers_answer_removed AFTER DELETE ON phone_numbers WHEN OLD.assignee_type = 'user' BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || OLD.account_id || ':' || OLD.assignee_id); END",
        "CREATE TRIGGER phone_user_plans_answer_added AFTER INSERT ON phone_user_plans BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || NEW.account_id || ':' || NEW.user_id); END",
        "CREATE TRIGGER phone_user_plans_answer_removed AFTER DELETE ON phone_user_plans BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || OLD.account_id || ':' || OLD.user_id); END",
        "CREATE TRIGGER users_phone_answer_changed AFTER UPDATE ON users BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER users_phone_answer_removed AFTER DELETE ON users BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_user:' || OLD.account_id || ':' || OLD.id); END",
      ],
    },
    // Kept answers of Get a call queue: its phone_groups row, its members,
    // its and its members' directory entries (names, extensions, site), the
    // numbers it holds (before and after a change) and its site's name.
    {
      postgres: [
        pgTrigger(
          'openzoom_call_queue_answer_changed',
          `  IF TG_TABLE_NAME = 'phone_groups' THEN
    IF OLD.kind = 'callQueue' THEN PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:call_queue:' || OLD.account_id || ':' || OLD.id); END IF;
  ELSIF TG_TABLE_NAME = 'phone_group_members' THEN
    IF TG_OP <> 'DELETE' THEN PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:call_queue:' || NEW.account_id || ':' || NEW.group_id); END IF;
    IF TG_OP <> 'INSERT' THEN PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:call_queue:' || OLD.account_id || ':' || OLD.group_id); END IF;
  ELSIF TG_TABLE_NAME = 'phone_extensions' THEN
    IF OLD.owner_type = 'callQueue' THEN
      PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:call_queue:' || OLD.account_id || ':' || OLD.owner_id);
    ELSE
      PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:call_queue:' || m.account_id || ':' || m.group_id) FROM phone_group_members m WHERE m.account_id = OLD.account_id AND m.member_id = OLD.owner_id;
    END IF;
  ELSIF TG_TABLE_NAME = 'phone_numbers' THEN
    IF TG_OP <> 'INSERT' AND OLD.assignee_type = 'callQueue' THEN PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:call_queue:' || OLD.account_id || ':' || OLD.assignee_id); END IF;
    IF TG_OP <> 'DELETE' AND NEW.assignee_type = 'callQueue' THEN PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:call_queue:' || NEW.account_id || ':' || NEW.assignee_id); END IF;
  ELSIF TG_TABLE_NAME = 'phone_sites' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:call_queue:' || x.account_id || ':' || x.owner_id) FROM phone_extensions x WHERE x.account_id = OLD.account_id AND x.site_id = OLD.id AND x.owner_type = 'callQueue';
  END IF;`,
        ),
        'CREATE TRIGGER phone_groups_queue_answer AFTER UPDATE OR DELETE ON phone_groups FOR EACH ROW EXECUTE FUNCTION openzoom_call_queue_answer_changed()',
        'CREATE TRIGGER phone_group_members_queue_answer AFTER INSERT OR UPDATE OR DELETE ON phone_group_members FOR EACH ROW EXECUTE FUNCTION openzoom_call_queue_answer_changed()',
        'CREATE TRIGGER phone_extensions_queue_answer AFTER UPDATE OR DELETE ON phone_extensions FOR EACH ROW EXECUTE FUNCTION openzoom_call_queue_answer_changed()',
        'CREATE TRIGGER phone_numbers_queue_answer AFTER INSERT OR UPDATE OR DELETE ON phone_numbers FOR EACH ROW EXECUTE FUNCTION openzoom_call_queue_answer_changed()',
        'CREATE TRIGGER phone_sites_queue_answer AFTER UPDATE OR DELETE ON phone_sites FOR EACH ROW EXECUTE FUNCTION openzoom_call_queue_answer_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER phone_groups_queue_answer_changed AFTER UPDATE ON phone_groups WHEN OLD.kind = 'callQueue' BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_queue:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER phone_groups_queue_answer_removed AFTER DELETE ON phone_groups WHEN OLD.kind = 'callQueue' BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_queue:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER phone_group_members_queue_added AFTER INSERT ON phone_group_members BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_queue:' || NEW.account_id || ':' || NEW.group_id); END",
        "CREATE TRIGGER phone_group_members_queue_changed AFTER UPDATE ON phone_group_members BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_queue:' || OLD.account_id || ':' || OLD.group_id); END",
        "CREATE TRIGGER phone_group_members_queue_removed AFTER DELETE ON phone_group_members BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_queue:' || OLD.account_id || ':' || OLD.group_id); END",
        "CREATE TRIGGER phone_extensions_queue_changed AFTER UPDATE ON phone_extensions BEGIN INSERT INTO cache_changes (line) SELECT 'o:call_queue:' || OLD.account_id || ':' || OLD.owner_id WHERE OLD.owner_type = 'callQueue' UNION ALL SELECT 'o:call_queue:' || m.account_id || ':' || m.group_id FROM phone_group_members m WHERE m.account_id = OLD.account_id AND m.member_id = OLD.owner_id; END",
        "CREATE TRIGGER phone_extensions_queue_removed AFTER DELETE ON phone_extensions BEGIN INSERT INTO cache_changes (line) SELECT 'o:call_queue:' || OLD.account_id || ':' || OLD.owner_id WHERE OLD.owner_type = 'callQueue' UNION ALL SELECT 'o:call_queue:' || m.account_id || ':' || m.group_id FROM phone_group_members m WHERE m.account_id = OLD.account_id AND m.member_id = OLD.owner_id; END",
        "CREATE TRIGGER phone_numbers_queue_added AFTER INSERT ON phone_numbers WHEN NEW.assignee_type = 'callQueue' BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_queue:' || NEW.account_id || ':' || NEW.assignee_id); END",
        "CREATE TRIGGER phone_numbers_queue_changed AFTER UPDATE ON phone_numbers BEGIN INSERT INTO cache_changes (line) SELECT 'o:call_queue:' || a || ':' || q FROM (SELECT OLD.account_id AS a, OLD.assignee_id AS q, OLD.assignee_type AS t UNION SELECT NEW.account_id, NEW.assignee_id, NEW.assignee_type) WHERE t = 'callQueue'; END",
        "CREATE TRIGGER phone_numbers_queue_removed AFTER DELETE ON phone_numbers WHEN OLD.assignee_type = 'callQueue' BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_queue:' || OLD.account_id || ':' || OLD.assignee_id); END",
        "CREATE TRIGGER phone_sites_queue_changed AFTER UPDATE ON phone_sites BEGIN INSERT INTO cache_changes (line) SELECT 'o:call_queue:' || x.account_id || ':' || x.owner_id FROM phone_extensions x WHERE x.account_id = OLD.account_id AND x.site_id = OLD.id AND x.owner_type = 'callQueue'; END",
        "CREATE TRIGGER phone_sites_queue_removed AFTER DELETE ON phone_sites BEGIN INSERT INTO cache_changes (line) SELECT 'o:call_queue:' || x.account_id || ':' || x.owner_id FROM phone_extensions x WHERE x.account_id = OLD.account_id AND x.site_id = OLD.id AND x.owner_type = 'callQueue'; END",
      ],
    },
    // Kept answers of Get Zoom Room profile: the room's row, its locations and the
    // account's Zoom Rooms profile (inherited values): a location or the account's
    // profile changing publishes every room of the account.
    {
      postgres: [
        pgTrigger('openzoom_zoomroom_answer_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:zoomroom:' || OLD.account_id || ':' || OLD.id);`),
        'CREATE TRIGGER zr_rooms_answer_changed AFTER UPDATE OR DELETE ON zr_rooms FOR EACH ROW EXECUTE FUNCTION openzoom_zoomroom_answer_changed()',
        pgTrigger(
          'openzoom_zoomroom_answers_changed',
          `  IF TG_OP = 'DELETE' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:zoomroom:' || r.account_id || ':' || r.id) FROM zr_rooms r WHERE r.account_id = OLD.account_id;
  ELSE
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:zoomroom:' || r.account_id || ':' || r.id) FROM zr_rooms r WHERE r.account_id = NEW.account_id;
  END IF;`,
        ),
        'CREATE TRIGGER zr_locations_answers_changed AFTER UPDATE OR DELETE ON zr_locations FOR EACH ROW EXECUTE FUNCTION openzoom_zoomroom_answers_changed()',
        'CREATE TRIGGER zr_accounts_answers_changed AFTER INSERT OR UPDATE OR DELETE ON zr_accounts FOR EACH ROW EXECUTE FUNCTION openzoom_zoomroom_answers_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER zr_rooms_answer_changed AFTER UPDATE ON zr_rooms BEGIN INSERT INTO cache_changes (line) VALUES ('o:zoomroom:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER zr_rooms_answer_removed AFTER DELETE ON zr_rooms BEGIN INSERT INTO cache_changes (line) VALUES ('o:zoomroom:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER zr_locations_answers_changed AFTER UPDATE ON zr_locations BEGIN INSERT INTO cache_changes (line) SELECT 'o:zoomroom:' || account_id || ':' || id FROM zr_rooms WHERE account_id = OLD.account_id; END",
        "CREATE TRIGGER zr_locations_answers_removed AFTER DELETE ON zr_locations BEGIN INSERT INTO cache_changes (line) SELECT 'o:zoomroom:' || account_id || ':' || id FROM zr_rooms WHERE account_id = OLD.account_id; END",
        "CREATE TRIGGER zr_accounts_answers_added AFTER INSERT ON zr_accounts BEGIN INSERT INTO cache_changes (line) SELECT 'o:zoomroom:' || account_id || ':' || id FROM zr_rooms WHERE account_id = NEW.account_id; END",
        "CREATE TRIGGER zr_accounts_answers_changed AFTER UPDATE ON zr_accounts BEGIN INSERT INTO cache_changes (line) SELECT 'o:zoomroom:' || account_id || ':' || id FROM zr_rooms WHERE account_id = OLD.account_id; END",
      ],
    },
    // Kept answers of Get a webinar: the webinar's row (schedule, settings, live status, branding).
    {
      postgres: [
        pgTrigger('openzoom_webinar_answer_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:webinar:' || OLD.account_id || ':' || OLD.id);`),
        'CREATE TRIGGER webinars_answer_changed AFTER UPDATE OR DELETE ON webinars FOR EACH ROW EXECUTE FUNCTION openzoom_webinar_answer_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER webinars_answer_changed AFTER UPDATE ON webinars BEGIN INSERT INTO cache_changes (line) VALUES ('o:webinar:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER webinars_answer_removed AFTER DELETE ON webinars BEGIN INSERT INTO cache_changes (line) VALUES ('o:webinar:' || OLD.account_id || ':' || OLD.id); END",
      ],
    },
    // Kept pages of List users (src/api/users/provider.ts) change with a user added too.
    {
      postgres: [
        pgTrigger('openzoom_user_added', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:user:' || NEW.account_id || ':' || NEW.id);`),
        'CREATE TRIGGER users_added AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION openzoom_user_added()',
      ],
      sqlite: ["CREATE TRIGGER users_added AFTER INSERT ON users BEGIN INSERT INTO cache_changes (line) VALUES ('o:user:' || NEW.account_id || ':' || NEW.id); END"],
    },
    // Kept pages of List meetings and List webinars change with a session added too
    // (their rows' updates and deletes publish already, above and below).
    {
      postgres: [
        pgTrigger('openzoom_session_added', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:' || left(TG_TABLE_NAME, -1) || ':' || NEW.account_id || ':' || NEW.id);`),
        'CREATE TRIGGER meetings_added AFTER INSERT ON meetings FOR EACH ROW EXECUTE FUNCTION openzoom_session_added()',
        'CREATE TRIGGER webinars_added AFTER INSERT ON webinars FOR EACH ROW EXECUTE FUNCTION openzoom_session_added()',
      ],
      sqlite: [
        "CREATE TRIGGER meetings_added AFTER INSERT ON meetings BEGIN INSERT INTO cache_changes (line) VALUES ('o:meeting:' || NEW.account_id || ':' || NEW.id); END",
        "CREATE TRIGGER webinars_added AFTER INSERT ON webinars BEGIN INSERT INTO cache_changes (line) VALUES ('o:webinar:' || NEW.account_id || ':' || NEW.id); END",
      ],
    },
    // Kept answers of Get past meeting details and pages of List past meeting
    // participants: an ended instance's row (publishing its session number and its
    // UUID, `o:past_meeting:` or `o:past_webinar:`), and the participants and stints
    // of ended instances. A live instance's changes publish nothing until it ends.
    {
      postgres: [
        pgRowTrigger(
          'openzoom_past_session_changed',
          `  IF TG_TABLE_NAME <> 'live_instances' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:past_' || i.kind || ':' || i.account_id || ':' || i.uuid) FROM live_instances i WHERE i.account_id = changed.account_id AND i.uuid = changed.instance_uuid AND i.status = 'ended';
  ELSIF (TG_OP <> 'DELETE' AND NEW.status = 'ended') OR (TG_OP <> 'INSERT' AND OLD.status = 'ended') THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:past_' || changed.kind || ':' || changed.account_id || ':' || changed.session_id);
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:past_' || changed.kind || ':' || changed.account_id || ':' || changed.uuid);
  END IF;`,
        ),
        'CREATE TRIGGER live_instances_past_changed AFTER INSERT OR UPDATE OR DELETE ON live_instances FOR EACH ROW EXECUTE FUNCTION openzoom_past_session_changed()',
        'CREATE TRIGGER live_participants_past_changed AFTER INSERT OR UPDATE OR DELETE ON live_participants FOR EACH ROW EXECUTE FUNCTION openzoom_past_session_changed()',
        'CREATE TRIGGER live_attendance_past_changed AFTER INSERT OR UPDATE OR DELETE ON live_attendance FOR EACH ROW EXECUTE FUNCTION openzoom_past_session_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER live_instances_past_added AFTER INSERT ON live_instances WHEN NEW.status = 'ended' BEGIN INSERT INTO cache_changes (line) VALUES ('o:past_' || NEW.kind || ':' || NEW.account_id || ':' || NEW.session_id), ('o:past_' || NEW.kind || ':' || NEW.account_id || ':' || NEW.uuid); END",
        "CREATE TRIGGER live_instances_past_changed AFTER UPDATE ON live_instances WHEN OLD.status = 'ended' OR NEW.status = 'ended' BEGIN INSERT INTO cache_changes (line) VALUES ('o:past_' || OLD.kind || ':' || OLD.account_id || ':' || OLD.session_id), ('o:past_' || OLD.kind || ':' || OLD.account_id || ':' || OLD.uuid), ('o:past_' || NEW.kind || ':' || NEW.account_id || ':' || NEW.session_id), ('o:past_' || NEW.kind || ':' || NEW.account_id || ':' || NEW.uuid); END",
        "CREATE TRIGGER live_instances_past_removed AFTER DELETE ON live_instances WHEN OLD.status = 'ended' BEGIN INSERT INTO cache_changes (line) VALUES ('o:past_' || OLD.kind || ':' || OLD.account_id || ':' || OLD.session_id), ('o:past_' || OLD.kind || ':' || OLD.account_id || ':' || OLD.uuid); END",
        ...(['live_participants', 'live_attendance'] as const).flatMap((table) => [
          `CREATE TRIGGER ${table}_past_added AFTER INSERT ON ${table} BEGIN ${pastLine('NEW')}; END`,
          `CREATE TRIGGER ${table}_past_changed AFTER UPDATE ON ${table} BEGIN ${pastLine('OLD')}; ${pastLine('NEW')}; END`,
          `CREATE TRIGGER ${table}_past_removed AFTER DELETE ON ${table} BEGIN ${pastLine('OLD')}; END`,
        ]),
      ],
    },
    // Kept answers of Get meeting recordings and pages of List all recordings: a
    // recording's row (publishing its meeting number and its UUID) and its files.
    {
      postgres: [
        pgRowTrigger(
          'openzoom_recording_changed',
          `  IF TG_TABLE_NAME = 'recordings' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:recording:' || changed.account_id || ':' || changed.meeting_id);
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:recording:' || changed.account_id || ':' || changed.uuid);
  ELSE
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:recording:' || changed.account_id || ':' || changed.meeting_uuid);
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:recording:' || r.account_id || ':' || r.meeting_id) FROM recordings r WHERE r.account_id = changed.account_id AND r.uuid = changed.meeting_uuid;
  END IF;`,
        ),
        'CREATE TRIGGER recordings_answer_changed AFTER INSERT OR UPDATE OR DELETE ON recordings FOR EACH ROW EXECUTE FUNCTION openzoom_recording_changed()',
        'CREATE TRIGGER recording_files_answer_changed AFTER INSERT OR UPDATE OR DELETE ON recording_files FOR EACH ROW EXECUTE FUNCTION openzoom_recording_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER recordings_answer_added AFTER INSERT ON recordings BEGIN INSERT INTO cache_changes (line) VALUES ('o:recording:' || NEW.account_id || ':' || NEW.meeting_id), ('o:recording:' || NEW.account_id || ':' || NEW.uuid); END",
        "CREATE TRIGGER recordings_answer_changed AFTER UPDATE ON recordings BEGIN INSERT INTO cache_changes (line) VALUES ('o:recording:' || OLD.account_id || ':' || OLD.meeting_id), ('o:recording:' || OLD.account_id || ':' || OLD.uuid), ('o:recording:' || NEW.account_id || ':' || NEW.meeting_id), ('o:recording:' || NEW.account_id || ':' || NEW.uuid); END",
        "CREATE TRIGGER recordings_answer_removed AFTER DELETE ON recordings BEGIN INSERT INTO cache_changes (line) VALUES ('o:recording:' || OLD.account_id || ':' || OLD.meeting_id), ('o:recording:' || OLD.account_id || ':' || OLD.uuid); END",
        `CREATE TRIGGER recording_files_answer_added AFTER INSERT ON recording_files BEGIN ${recordingFileLines('NEW')}; END`,
        `CREATE TRIGGER recording_files_answer_changed AFTER UPDATE ON recording_files BEGIN ${recordingFileLines('OLD')}; ${recordingFileLines('NEW')}; END`,
        `CREATE TRIGGER recording_files_answer_removed AFTER DELETE ON recording_files BEGIN ${recordingFileLines('OLD')}; END`,
      ],
    },
    // Kept pages of lists (core/read-cache.ts readPage) whose every change drops
    // the account's pages of that list: `o:<list>:<account>:<table>` from each
    // table the entries are made from (users publish their own `o:user:` lines,
    // which the SIP phone and chat message pages also follow). One line per
    // table and account: PostgreSQL sends a transaction's identical lines once.
    //   h323_devices   List H.323/SIP devices
    //   sip_phones     List SIP phones (and the users they belong to)
    //   chat_messages  List chat messages of a channel: the messages, the
    //                  channel and its members (who may read it)
    //   phone_numbers  List phone numbers: the numbers, their assignees'
    //                  extensions (names, numbers) and the sites (names, main)
    //   call_logs      List the account's call logs
    // Zoom Rooms pages follow `o:zoomroom:` lines, which a room added now
    // publishes too; Get a tracking field follows its row's `o:tracking_field:`.
    {
      postgres: [
        pgTrigger(
          'openzoom_list_changed',
          `  IF TG_OP <> 'INSERT' THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:' || TG_ARGV[0] || ':' || OLD.account_id || ':' || TG_TABLE_NAME);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.account_id IS DISTINCT FROM OLD.account_id) THEN
    PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:' || TG_ARGV[0] || ':' || NEW.account_id || ':' || TG_TABLE_NAME);
  END IF;`,
        ),
        "CREATE TRIGGER h323_devices_page AFTER INSERT OR UPDATE OR DELETE ON h323_devices FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('h323_devices')",
        "CREATE TRIGGER sip_phones_page AFTER INSERT OR UPDATE OR DELETE ON sip_phones FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('sip_phones')",
        "CREATE TRIGGER chat_messages_page AFTER INSERT OR UPDATE OR DELETE ON chat_messages FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('chat_messages')",
        "CREATE TRIGGER chat_channel_members_page AFTER INSERT OR UPDATE OR DELETE ON chat_channel_members FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('chat_messages')",
        "CREATE TRIGGER chat_channels_page AFTER INSERT OR UPDATE OR DELETE ON chat_channels FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('chat_messages')",
        "CREATE TRIGGER phone_numbers_page AFTER INSERT OR UPDATE OR DELETE ON phone_numbers FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('phone_numbers')",
        "CREATE TRIGGER phone_extensions_numbers_page AFTER INSERT OR UPDATE OR DELETE ON phone_extensions FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('phone_numbers')",
        "CREATE TRIGGER phone_sites_numbers_page AFTER INSERT OR UPDATE OR DELETE ON phone_sites FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('phone_numbers')",
        "CREATE TRIGGER phone_call_logs_page AFTER INSERT OR UPDATE OR DELETE ON phone_call_logs FOR EACH ROW EXECUTE FUNCTION openzoom_list_changed('call_logs')",
        pgTrigger('openzoom_zoomroom_added', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:zoomroom:' || NEW.account_id || ':' || NEW.id);`),
        'CREATE TRIGGER zr_rooms_added AFTER INSERT ON zr_rooms FOR EACH ROW EXECUTE FUNCTION openzoom_zoomroom_added()',
        // A field's id and account never change; OLD is NULL on insert, NEW on delete.
        pgTrigger('openzoom_tracking_field_changed', `  PERFORM openzoom_publish(TG_TABLE_SCHEMA, 'o:tracking_field:' || COALESCE(OLD.account_id, NEW.account_id) || ':' || COALESCE(OLD.id, NEW.id));`),
        'CREATE TRIGGER tracking_fields_answer_changed AFTER INSERT OR UPDATE OR DELETE ON tracking_fields FOR EACH ROW EXECUTE FUNCTION openzoom_tracking_field_changed()',
      ],
      sqlite: [
        "CREATE TRIGGER h323_devices_page_added AFTER INSERT ON h323_devices BEGIN INSERT INTO cache_changes (line) VALUES ('o:h323_devices:' || NEW.account_id || ':h323_devices'); END",
        "CREATE TRIGGER h323_devices_page_changed AFTER UPDATE ON h323_devices BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:h323_devices:' || a || ':h323_devices' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER h323_devices_page_removed AFTER DELETE ON h323_devices BEGIN INSERT INTO cache_changes (line) VALUES ('o:h323_devices:' || OLD.account_id || ':h323_devices'); END",
        "CREATE TRIGGER sip_phones_page_added AFTER INSERT ON sip_phones BEGIN INSERT INTO cache_changes (line) VALUES ('o:sip_phones:' || NEW.account_id || ':sip_phones'); END",
        "CREATE TRIGGER sip_phones_page_changed AFTER UPDATE ON sip_phones BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:sip_phones:' || a || ':sip_phones' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER sip_phones_page_removed AFTER DELETE ON sip_phones BEGIN INSERT INTO cache_changes (line) VALUES ('o:sip_phones:' || OLD.account_id || ':sip_phones'); END",
        "CREATE TRIGGER chat_messages_page_added AFTER INSERT ON chat_messages BEGIN INSERT INTO cache_changes (line) VALUES ('o:chat_messages:' || NEW.account_id || ':chat_messages'); END",
        "CREATE TRIGGER chat_messages_page_changed AFTER UPDATE ON chat_messages BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:chat_messages:' || a || ':chat_messages' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER chat_messages_page_removed AFTER DELETE ON chat_messages BEGIN INSERT INTO cache_changes (line) VALUES ('o:chat_messages:' || OLD.account_id || ':chat_messages'); END",
        "CREATE TRIGGER chat_channel_members_page_added AFTER INSERT ON chat_channel_members BEGIN INSERT INTO cache_changes (line) VALUES ('o:chat_messages:' || NEW.account_id || ':chat_channel_members'); END",
        "CREATE TRIGGER chat_channel_members_page_changed AFTER UPDATE ON chat_channel_members BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:chat_messages:' || a || ':chat_channel_members' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER chat_channel_members_page_removed AFTER DELETE ON chat_channel_members BEGIN INSERT INTO cache_changes (line) VALUES ('o:chat_messages:' || OLD.account_id || ':chat_channel_members'); END",
        "CREATE TRIGGER chat_channels_page_added AFTER INSERT ON chat_channels BEGIN INSERT INTO cache_changes (line) VALUES ('o:chat_messages:' || NEW.account_id || ':chat_channels'); END",
        "CREATE TRIGGER chat_channels_page_changed AFTER UPDATE ON chat_channels BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:chat_messages:' || a || ':chat_channels' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER chat_channels_page_removed AFTER DELETE ON chat_channels BEGIN INSERT INTO cache_changes (line) VALUES ('o:chat_messages:' || OLD.account_id || ':chat_channels'); END",
        "CREATE TRIGGER phone_numbers_page_added AFTER INSERT ON phone_numbers BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_numbers:' || NEW.account_id || ':phone_numbers'); END",
        "CREATE TRIGGER phone_numbers_page_changed AFTER UPDATE ON phone_numbers BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:phone_numbers:' || a || ':phone_numbers' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER phone_numbers_page_removed AFTER DELETE ON phone_numbers BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_numbers:' || OLD.account_id || ':phone_numbers'); END",
        "CREATE TRIGGER phone_extensions_numbers_page_added AFTER INSERT ON phone_extensions BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_numbers:' || NEW.account_id || ':phone_extensions'); END",
        "CREATE TRIGGER phone_extensions_numbers_page_changed AFTER UPDATE ON phone_extensions BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:phone_numbers:' || a || ':phone_extensions' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER phone_extensions_numbers_page_removed AFTER DELETE ON phone_extensions BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_numbers:' || OLD.account_id || ':phone_extensions'); END",
        "CREATE TRIGGER phone_sites_numbers_page_added AFTER INSERT ON phone_sites BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_numbers:' || NEW.account_id || ':phone_sites'); END",
        "CREATE TRIGGER phone_sites_numbers_page_changed AFTER UPDATE ON phone_sites BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:phone_numbers:' || a || ':phone_sites' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER phone_sites_numbers_page_removed AFTER DELETE ON phone_sites BEGIN INSERT INTO cache_changes (line) VALUES ('o:phone_numbers:' || OLD.account_id || ':phone_sites'); END",
        "CREATE TRIGGER phone_call_logs_page_added AFTER INSERT ON phone_call_logs BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_logs:' || NEW.account_id || ':phone_call_logs'); END",
        "CREATE TRIGGER phone_call_logs_page_changed AFTER UPDATE ON phone_call_logs BEGIN INSERT INTO cache_changes (line) SELECT DISTINCT 'o:call_logs:' || a || ':phone_call_logs' FROM (SELECT OLD.account_id AS a UNION SELECT NEW.account_id); END",
        "CREATE TRIGGER phone_call_logs_page_removed AFTER DELETE ON phone_call_logs BEGIN INSERT INTO cache_changes (line) VALUES ('o:call_logs:' || OLD.account_id || ':phone_call_logs'); END",
        "CREATE TRIGGER zr_rooms_added AFTER INSERT ON zr_rooms BEGIN INSERT INTO cache_changes (line) VALUES ('o:zoomroom:' || NEW.account_id || ':' || NEW.id); END",
        "CREATE TRIGGER tracking_fields_answer_added AFTER INSERT ON tracking_fields BEGIN INSERT INTO cache_changes (line) VALUES ('o:tracking_field:' || NEW.account_id || ':' || NEW.id); END",
        "CREATE TRIGGER tracking_fields_answer_changed AFTER UPDATE ON tracking_fields BEGIN INSERT INTO cache_changes (line) VALUES ('o:tracking_field:' || OLD.account_id || ':' || OLD.id); END",
        "CREATE TRIGGER tracking_fields_answer_removed AFTER DELETE ON tracking_fields BEGIN INSERT INTO cache_changes (line) VALUES ('o:tracking_field:' || OLD.account_id || ':' || OLD.id); END",
      ],
    },
],
};

/**
 * The tables whose writes may publish, read off the triggers above (both
 * engines' forms): updates and deletes naming one, and inserts into those with
 * an insert trigger. A step that adds a trigger adds its table here by itself;
 * coherence.ts reads only transactions that wrote to one of them.
 */
export function publishingTables(): { changes: Set<string>; inserts: Set<string> } {
  const changes = new Set<string>();
  const inserts = new Set<string>();
  const trigger = /^\s*CREATE\s+TRIGGER\s+\w+\s+AFTER\s+((?:INSERT|UPDATE|DELETE)(?:\s+OR\s+(?:INSERT|UPDATE|DELETE))*)(?:\s+OF\s+[\w\s,]+?)?\s+ON\s+(\w+)/i;
  for (const step of coherenceSchema.migrations) {
    for (const sql of typeof step === 'string' ? [step] : [...(step.sqlite ?? []), ...(step.postgres ?? [])]) {
      const t = trigger.exec(sql);
      if (!t) continue;
      changes.add(t[2]!);
      if (/INSERT/i.test(t[1]!)) inserts.add(t[2]!);
    }
  }
  return { changes, inserts };
}
