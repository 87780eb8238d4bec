import type { SchemaModule } from '../../storage/schema.ts';

// Reports read the live tables (src/live) by time; they own the sign-in and
// sign-out records (`report_activities`: what the activity report lists).
export const reportsSchema: SchemaModule = {
  name: 'reports',
  tables: ['report_activities', 'report_operation_logs'],
  migrations: [
    // Instances by start time: daily usage, active hosts, dashboards' lists.
    `
    CREATE INDEX live_instances_time ON live_instances (account_id, kind, start_time, uuid);
    CREATE TABLE report_activities (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      email TEXT NOT NULL,
      type TEXT NOT NULL,
      client_type TEXT NOT NULL,
      version TEXT NOT NULL,
      ip_address TEXT NOT NULL,
      time TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX report_activities_time ON report_activities (account_id, time, id)
    `,
    // The admin operations the API recorded (operation-log.ts).
    `
    CREATE TABLE report_operation_logs (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      time TEXT NOT NULL,
      operator TEXT NOT NULL,
      category_type TEXT NOT NULL,
      action TEXT NOT NULL,
      operation_detail TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX report_operation_logs_time ON report_operation_logs (account_id, time, id)
    `,
    // One host's instances by start time: a user's meeting report.
    'CREATE INDEX live_instances_host_time ON live_instances (account_id, kind, host_id, start_time, uuid)',
    // Joins per client version (each keeps its version and its instance's start), and the
    // instances by start time (or one host's) with what reports filter on and add up (their
    // summary columns): read from the indexes alone.
    `
    CREATE INDEX live_participants_versions ON live_participants (account_id, version, instance_start);
    DROP INDEX live_instances_time;
    CREATE INDEX live_instances_time_totals ON live_instances (account_id, kind, start_time, uuid, status, host_id, participants, attended_seconds);
    DROP INDEX live_instances_host_time;
    CREATE INDEX live_instances_host_totals ON live_instances (account_id, kind, host_id, start_time, uuid, status, participants)
    `,
  ],
};
