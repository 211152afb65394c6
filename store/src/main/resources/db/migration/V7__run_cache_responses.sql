-- Whether a run opted in to the response cache (POST /v1/runs "cache": {"response": true}): kept with the run so the
-- choice survives the queue, and read by the worker that builds the run's RunRequest (cacheResponses). Runs accepted
-- before this migration did not opt in.
ALTER TABLE runs ADD COLUMN cache_responses BOOLEAN NOT NULL DEFAULT FALSE;
