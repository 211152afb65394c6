package dev.mainstay.event;

/** A model call of step {@code step} began. Followed by exactly one {@link ModelCallFinished} or {@link ModelCallFailed}. */
public record ModelCallStarted(EventMeta meta, int step, String model, boolean stream) implements RunEvent {}
