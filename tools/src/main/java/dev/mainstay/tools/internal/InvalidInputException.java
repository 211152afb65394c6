package dev.mainstay.tools.internal;

/**
 * Input a tool cannot use. Thrown only by {@link Inputs} and caught by {@link Inputs#readThen} or the tool that
 * called it, which turns the message into an error result; it never leaves a tool. The message is one line and never
 * echoes a long input.
 */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message, null, false, false);
    }
}
