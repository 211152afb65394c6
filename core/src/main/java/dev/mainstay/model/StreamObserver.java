package dev.mainstay.model;

/**
 * Receives a streaming model response as it arrives. Called on the calling thread, in order; an observer must not
 * block. Whether anything reached the observer decides whether a failed stream may be retried: once content has
 * been delivered to a caller, a retry would duplicate it.
 */
public interface StreamObserver {
    StreamObserver NONE = new StreamObserver() {};

    /** A piece of text of the content block at {@code index}. */
    default void onTextDelta(int index, String text) {}

    /** The content block at {@code index} is complete. */
    default void onBlockComplete(int index, ContentBlock block) {}
}
