package dev.mainstay.event;

import java.time.Duration;
import java.time.Instant;

/** A model call failed after every policy had its turn. {@code errorCode} is the stable code of the failure. */
public record ModelCallFailed(String runId, int step, String model, String errorCode, String message, Duration duration,
        Instant at) implements RunEvent {}
