-- A person's decision on a call that waited for approval is recorded once per run and call: racing decisions
-- (two API nodes, a retried request) cannot both win.
CREATE UNIQUE INDEX journal_one_approval ON journal (run_id, tool_use_id) WHERE type = 'approval_decided';
