-- Mainstay's store: one schema for SQLite and PostgreSQL (only types and syntax both accept).
--
-- Times are BIGINT nanoseconds since the epoch (UTC), taken from the application's clock, never the database's:
-- every node compares leases on the same scale, and tests drive time with a fake clock.
-- JSON payloads are TEXT, each carrying its codec's schema version "v" (JournalCodec, EventCodec, the store's own).
-- Money is BIGINT units of 1e-8 USD (cost.ModelPrice.SCALE): exact, and summable in both databases.

CREATE TABLE tenants (
  id                  TEXT PRIMARY KEY,
  name                TEXT NOT NULL UNIQUE,
  max_concurrent_runs INTEGER NOT NULL,
  requests_per_second DOUBLE PRECISION NOT NULL,
  burst               INTEGER NOT NULL,
  created_at          BIGINT NOT NULL
);

-- The secret itself is never stored: only its SHA-256 (hex) and its first characters, to recognise it in a list.
CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,
  tenant_id    TEXT NOT NULL REFERENCES tenants (id),
  user_id      TEXT NOT NULL,
  role         TEXT NOT NULL,
  secret_hash  TEXT NOT NULL UNIQUE,
  prefix       TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);

-- run_count numbers the conversation's runs (runs.conversation_seq), taken under the row's lock on accept.
CREATE TABLE conversations (
  id         TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL REFERENCES tenants (id),
  user_id    TEXT NOT NULL,
  run_count  BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX conversations_tenant_user ON conversations (tenant_id, user_id, created_at);

-- payload: {"v":1,"content":[blocks]}; appended when a run of the conversation finishes.
CREATE TABLE conversation_messages (
  conversation_id TEXT NOT NULL,
  seq             BIGINT NOT NULL,
  run_id          TEXT NOT NULL,
  role            TEXT NOT NULL,
  payload         TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

-- The queue is this table: status queued, or running with a lease. lease_epoch rises on every claim and fences
-- every write of the run (journal, events, the row itself). journal_seq and event_seq are the last sequence
-- numbers given out; bumping them under the fence is what serialises a run's appends.
CREATE TABLE runs (
  id                          TEXT PRIMARY KEY,
  tenant_id                   TEXT NOT NULL REFERENCES tenants (id),
  user_id                     TEXT NOT NULL,
  conversation_id             TEXT,
  conversation_seq            BIGINT,
  input                       TEXT NOT NULL,
  limits                      TEXT NOT NULL,
  traceparent                 TEXT,
  status                      TEXT NOT NULL,
  stop_reason                 TEXT,
  output                      TEXT,
  error_code                  TEXT,
  error_message               TEXT,
  input_tokens                BIGINT NOT NULL DEFAULT 0,
  output_tokens               BIGINT NOT NULL DEFAULT 0,
  cache_creation_input_tokens BIGINT NOT NULL DEFAULT 0,
  cache_read_input_tokens     BIGINT NOT NULL DEFAULT 0,
  cost_usd_e8                 BIGINT NOT NULL DEFAULT 0,
  cost_unpriced               TEXT,
  created_at                  BIGINT NOT NULL,
  started_at                  BIGINT,
  finished_at                 BIGINT,
  lease_owner                 TEXT,
  lease_epoch                 BIGINT NOT NULL DEFAULT 0,
  lease_expires_at            BIGINT,
  cancel_requested            BOOLEAN NOT NULL DEFAULT FALSE,
  attempts                    INTEGER NOT NULL DEFAULT 0,
  journal_seq                 BIGINT NOT NULL DEFAULT 0,
  event_seq                   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX runs_active ON runs (created_at, id) WHERE status IN ('queued', 'running');
CREATE INDEX runs_running_tenant ON runs (tenant_id, lease_expires_at) WHERE status = 'running';
CREATE INDEX runs_conversation ON runs (conversation_id, conversation_seq) WHERE conversation_id IS NOT NULL;
CREATE INDEX runs_tenant_created ON runs (tenant_id, created_at, id);
CREATE INDEX runs_tenant_user_created ON runs (tenant_id, user_id, created_at, id);
CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;

-- One row per journal entry, stored once: a step's payload is never copied into a later row.
-- tool_use_id is set for tool_intent and tool_call entries; a tool's outcome is recorded once per run.
CREATE TABLE journal (
  run_id      TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  epoch       BIGINT NOT NULL,
  type        TEXT NOT NULL,
  tool_use_id TEXT,
  payload     TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE UNIQUE INDEX journal_one_tool_outcome ON journal (run_id, tool_use_id) WHERE type = 'tool_call';

CREATE TABLE events (
  run_id     TEXT NOT NULL,
  seq        BIGINT NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (run_id, seq)
);

-- state: in_flight (the first request is being processed) or done (response_* hold its answer).
CREATE TABLE idempotency_keys (
  tenant_id             TEXT NOT NULL,
  idem_key              TEXT NOT NULL,
  request_hash          TEXT NOT NULL,
  state                 TEXT NOT NULL,
  response_status       INTEGER,
  response_content_type TEXT,
  response_body         TEXT,
  created_at            BIGINT NOT NULL,
  locked_at             BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- A token bucket per key; allowed records whether the last take succeeded (returned by the same statement).
CREATE TABLE rate_buckets (
  bucket_key TEXT PRIMARY KEY,
  tokens     DOUBLE PRECISION NOT NULL,
  allowed    BOOLEAN NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE notes (
  id         TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (tenant_id, user_id, title)
);
CREATE INDEX notes_listing ON notes (tenant_id, user_id, updated_at);

-- One row per executed save, under the tool call's idempotency key (its tool_use id); no body is kept here.
CREATE TABLE note_writes (
  tenant_id       TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  note_id         TEXT NOT NULL REFERENCES notes (id),
  title           TEXT NOT NULL,
  saved_at        BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, user_id, idempotency_key)
);
