-- The cost ledger: one row per billed attempt of a model call (journal ModelStep.billed), written in the transaction
-- that appends the step to the journal, so the ledger holds exactly what the journal holds and a fenced-out worker
-- can write no cost. Attribution (tenant, user, conversation, agent) is copied from the run's row at that moment.
--
-- Every token kind has its own column; cost_usd_e8 is the priced cost in units of 1e-8 USD (cost.ModelPrice.SCALE),
-- exact and summable; priced is FALSE for a model without a price (its cost_usd_e8 is 0, not a guess).
-- created_at is the append's time (the store's clock), in nanoseconds since the epoch like every time in the store.
-- (run_id, step, attempt) is unique: a step appended again adds no second charge.
CREATE TABLE cost_entries (
  id                    TEXT PRIMARY KEY,
  tenant_id             TEXT NOT NULL,
  user_id               TEXT NOT NULL,
  run_id                TEXT NOT NULL,
  conversation_id       TEXT,
  agent                 TEXT NOT NULL,
  step                  INTEGER NOT NULL,
  attempt               INTEGER NOT NULL,
  endpoint              TEXT NOT NULL,
  model                 TEXT NOT NULL,
  input_tokens          BIGINT NOT NULL,
  output_tokens         BIGINT NOT NULL,
  cache_read_tokens     BIGINT NOT NULL,
  cache_write_5m_tokens BIGINT NOT NULL,
  cache_write_1h_tokens BIGINT NOT NULL,
  web_search_requests   BIGINT NOT NULL,
  web_fetch_requests    BIGINT NOT NULL,
  cost_usd_e8           BIGINT NOT NULL,
  priced                BOOLEAN NOT NULL,
  price_table_version   TEXT NOT NULL,
  created_at            BIGINT NOT NULL
);
CREATE UNIQUE INDEX cost_entries_attempt ON cost_entries (run_id, step, attempt);
CREATE INDEX cost_entries_tenant_created ON cost_entries (tenant_id, created_at);

-- The agent a run was opened with (journal RunOpened), set when that entry is appended: the ledger attributes by it.
ALTER TABLE runs ADD COLUMN agent TEXT;
