package dev.mainstay.run;

import java.util.Objects;

/** A task for an agent, on behalf of a user of a tenant. {@code runId} keys the run's journal. */
public record RunRequest(String runId, String tenantId, String userId, String task) {
    public static final String DEFAULT_TENANT = "default";

    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(task, "task");
        if (task.isBlank()) {
            throw new IllegalArgumentException("task must not be blank");
        }
    }
}
