package dev.mainstay.event;

import java.time.Duration;

/**
 * A model call failed, or was refused by a policy, after every policy had its turn. {@code errorCode} is the stable
 * code of the failure. {@code contentDelivered} is true when a streamed answer broke off after {@link TextDelta}s of
 * this step were published: a client showing them must discard that partial text (the run may call the model again).
 */
public record ModelCallFailed(EventMeta meta, int step, String model, String errorCode, String message,
        boolean contentDelivered, Duration duration) implements RunEvent {}
