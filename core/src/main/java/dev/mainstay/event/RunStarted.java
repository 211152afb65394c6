package dev.mainstay.event;

import java.time.Instant;

/** A run began (or resumed from its journal, when {@code resumed} is true). */
public record RunStarted(String runId, String tenantId, String userId, String agent, boolean resumed, Instant at)
        implements RunEvent {}
