package dev.mainstay.event;

import java.time.Instant;

/** A piece of streamed model text, for clients watching a run live. Not paired. */
public record TextDelta(String runId, int step, int index, String text, Instant at) implements RunEvent {}
