package dev.mainstay.telemetry;

/**
 * Takes secrets (API keys, bearer tokens) and personal data out of text before it is logged. The seam the content
 * log goes through; the security module's redactor is plugged in by the composition root.
 *
 * <p>Implementations are thread-safe, quick and total: they never throw and never return null.
 */
@FunctionalInterface
public interface ContentRedactor {
    String redact(String text);

    /** Withholds all content, leaving only its length: the safe choice when no redactor is configured. */
    ContentRedactor WITHHOLD = text -> "[content withheld: " + text.length() + " chars]";
}
