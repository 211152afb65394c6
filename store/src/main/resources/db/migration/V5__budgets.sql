-- Spending budgets (issue 14): limits per tenant and user, per UTC day and month; a counter per budget and period;
-- the live reservations of model calls in flight and the counters each one holds.
--
-- A reservation is one conditional UPDATE per counter, all in one transaction:
--   UPDATE budget_counters SET reserved_usd_e8 = reserved_usd_e8 + :amount
--   WHERE <counter> AND spent_usd_e8 + reserved_usd_e8 + :amount <= :limit
-- so concurrent reservations on any number of nodes can never hold more than a limit. Money is BIGINT units of
-- 1e-8 USD, as everywhere in the store. user_id '' is the tenant's own budget.

CREATE TABLE budget_limits (
  tenant_id    TEXT NOT NULL REFERENCES tenants (id),
  user_id      TEXT NOT NULL,
  period       TEXT NOT NULL,
  limit_usd_e8 BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, user_id, period)
);

-- period_key: 2026-12-07 for a day, 2026-12 for a month (UTC).
CREATE TABLE budget_counters (
  tenant_id       TEXT NOT NULL,
  user_id         TEXT NOT NULL,
  period          TEXT NOT NULL,
  period_key      TEXT NOT NULL,
  spent_usd_e8    BIGINT NOT NULL DEFAULT 0,
  reserved_usd_e8 BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, user_id, period, period_key)
);

-- expired: the sweep released it after expires_at (its node died); a late settle still records the spend, once.
CREATE TABLE budget_reservations (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  run_id        TEXT NOT NULL,
  amount_usd_e8 BIGINT NOT NULL,
  expired       BOOLEAN NOT NULL DEFAULT FALSE,
  created_at    BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL
);
CREATE INDEX budget_reservations_expiry ON budget_reservations (expires_at) WHERE expired = FALSE;
CREATE INDEX budget_reservations_tenant ON budget_reservations (tenant_id) WHERE expired = FALSE;

CREATE TABLE budget_holds (
  reservation_id TEXT NOT NULL REFERENCES budget_reservations (id) ON DELETE CASCADE,
  user_id        TEXT NOT NULL,
  period         TEXT NOT NULL,
  period_key     TEXT NOT NULL,
  PRIMARY KEY (reservation_id, user_id, period)
);
