package dev.mainstay.event;

/**
 * A resumed run acted on a person's decision about a call that needed approval: an approved call runs now, a denied
 * one is reported to the model as denied. {@code by} is who decided, as journaled.
 */
public record ApprovalApplied(EventMeta meta, int step, String toolUseId, String tool, boolean approved, String by)
        implements RunEvent {}
