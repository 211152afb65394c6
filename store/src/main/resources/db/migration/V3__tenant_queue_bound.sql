-- A bound on a tenant's queued runs: an accept beyond it is refused (429) instead of growing the queue without end.
-- The partial index keeps the count at accept to the tenant's queued rows.
ALTER TABLE tenants ADD COLUMN max_queued_runs INTEGER NOT NULL DEFAULT 10000;
CREATE INDEX runs_queued_tenant ON runs (tenant_id) WHERE status = 'queued';
