package dev.mainstay.event;

/** A piece of streamed model text, for clients watching a run live. Not paired. */
public record TextDelta(EventMeta meta, int step, int index, String text) implements RunEvent {}
