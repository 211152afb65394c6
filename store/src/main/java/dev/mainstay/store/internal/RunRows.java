package dev.mainstay.store.internal;

import dev.mainstay.journal.StepError;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The columns of a run row and how they map to a {@link RunRecord}. */
final class RunRows implements RowMapper<RunRecord> {
    static final RunRows MAPPER = new RunRows();

    /** Every column {@link #map} reads, for {@code SELECT} and {@code RETURNING} lists. */
    static final String COLUMNS = """
            id, tenant_id, user_id, conversation_id, input, limits, traceparent, status, stop_reason, output, \
            error_code, error_message, input_tokens, output_tokens, cache_creation_input_tokens, \
            cache_read_input_tokens, cost_usd_e8, cost_unpriced, created_at, started_at, finished_at, lease_owner, \
            lease_epoch, lease_expires_at, cancel_requested, attempts, event_seq, cache_responses""";

    private RunRows() {}

    @Override
    public RunRecord map(ResultSet rows, StatementContext ctx) throws SQLException {
        var errorCode = rows.getString("error_code");
        var error = errorCode == null ? Optional.<StepError>empty()
                : Optional.of(new StepError(errorCode, String.valueOf(rows.getString("error_message"))));
        var stopReason = Optional.ofNullable(rows.getString("stop_reason")).map(RunStopReason::fromWire);
        return new RunRecord(
                rows.getString("id"), rows.getString("tenant_id"), rows.getString("user_id"),
                Optional.ofNullable(rows.getString("conversation_id")), rows.getString("input"),
                Values.limits(rows.getString("limits")), RunStatus.fromWire(rows.getString("status")), stopReason,
                Optional.ofNullable(rows.getString("output")), error,
                new Usage(rows.getLong("input_tokens"), rows.getLong("output_tokens"),
                        rows.getLong("cache_creation_input_tokens"), rows.getLong("cache_read_input_tokens")),
                Values.cost(rows.getLong("cost_usd_e8"), rows.getString("cost_unpriced")),
                Values.instant(rows.getLong("created_at")), Values.instant(rows, "started_at"),
                Values.instant(rows, "finished_at"), rows.getLong("lease_epoch"),
                Optional.ofNullable(rows.getString("lease_owner")), Values.instant(rows, "lease_expires_at"),
                rows.getBoolean("cancel_requested"), rows.getInt("attempts"),
                Optional.ofNullable(rows.getString("traceparent")), rows.getBoolean("cache_responses"));
    }
}
