package dev.mainstay.tool;

/**
 * What one argument of a tool carries, declared by the tool ({@link ToolSpec#arguments()}) for the taint policy.
 * An argument a tool does not declare is {@link #CONTENT}.
 */
public enum ArgumentRole {
    /**
     * Says where data goes or what is acted on: a recipient, a URL, an account, a note title when the tool says so.
     * Once untrusted content is in a run's context, such an argument may not carry a value that appears only in
     * that untrusted content: a web page must not choose who receives the user's data.
     */
    CONTROLLED,
    /** Data the call carries (a message body, a note's text): it may quote untrusted content the user asked for. */
    CONTENT
}
