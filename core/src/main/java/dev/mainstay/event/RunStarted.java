package dev.mainstay.event;

/** A run began (or resumed from its journal, when {@code resumed} is true). Always a run's first event. */
public record RunStarted(EventMeta meta, String userId, String agent, boolean resumed) implements RunEvent {}
