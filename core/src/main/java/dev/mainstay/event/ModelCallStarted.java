package dev.mainstay.event;

import java.time.Instant;

/** A model call of step {@code step} began. Followed by exactly one {@link ModelCallFinished} or {@link ModelCallFailed}. */
public record ModelCallStarted(String runId, int step, String model, boolean stream, Instant at) implements RunEvent {}
