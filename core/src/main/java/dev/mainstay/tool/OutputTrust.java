package dev.mainstay.tool;

/** Whether a tool's output may carry instructions from a third party (a web page, an API response). */
public enum OutputTrust {
    /** Computed by Mainstay or read from the user's own data. */
    TRUSTED,
    /** Comes from outside and may contain injected instructions; security policies track it. */
    UNTRUSTED
}
