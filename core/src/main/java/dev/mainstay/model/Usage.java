package dev.mainstay.model;

/**
 * What one model call was billed for, as the provider reported it: every kind of token once, in exactly one
 * field, and the server tools it ran. All counts are non-negative; a kind the provider did not report is zero.
 *
 * <p>The Messages API reports input in three disjoint parts — uncached {@code input_tokens}, tokens written to the
 * prompt cache ({@code cache_creation_input_tokens}, split by TTL in {@code cache_creation}) and tokens read from it
 * ({@code cache_read_input_tokens}) — so no part is contained in another and the prompt is their sum. A cache write
 * reported only as a total is a 5-minute write (the API's default TTL, and the cheaper assumption never wins:
 * {@link #withCacheWriteTotal} keeps any 1-hour part that was reported).
 *
 * @param inputTokens uncached input tokens
 * @param outputTokens output tokens, thinking included
 * @param cacheWrite5mTokens tokens written to the cache with the 5-minute TTL
 * @param cacheWrite1hTokens tokens written to the cache with the 1-hour TTL
 * @param cacheReadInputTokens tokens read from the cache
 * @param webSearchRequests server-side web searches ({@code server_tool_use.web_search_requests}), billed per use
 * @param webFetchRequests server-side web fetches ({@code server_tool_use.web_fetch_requests}), billed as tokens only
 */
public record Usage(long inputTokens, long outputTokens, long cacheWrite5mTokens, long cacheWrite1hTokens,
        long cacheReadInputTokens, long webSearchRequests, long webFetchRequests) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cacheWrite5mTokens < 0 || cacheWrite1hTokens < 0
                || cacheReadInputTokens < 0 || webSearchRequests < 0 || webFetchRequests < 0) {
            throw new IllegalArgumentException("usage counts must not be negative");
        }
    }

    /** Usage with every cache write at the 5-minute TTL and no server tools, the shape older journals recorded. */
    public Usage(long inputTokens, long outputTokens, long cacheCreationInputTokens, long cacheReadInputTokens) {
        this(inputTokens, outputTokens, cacheCreationInputTokens, 0, cacheReadInputTokens, 0, 0);
    }

    /** This usage with its cache writes split by TTL. */
    public Usage withCacheWrites(long fiveMinute, long oneHour) {
        return new Usage(inputTokens, outputTokens, fiveMinute, oneHour, cacheReadInputTokens, webSearchRequests,
                webFetchRequests);
    }

    /**
     * This usage with a reported cache-write {@code total}: the 1-hour tokens stay as they are (at most the total)
     * and the rest are 5-minute writes, so a total reported without its split counts as 5-minute writes and no
     * token is counted twice or dropped.
     */
    public Usage withCacheWriteTotal(long total) {
        long oneHour = Math.min(cacheWrite1hTokens, total);
        return withCacheWrites(total - oneHour, oneHour);
    }

    /** This usage with the server tools the call ran. */
    public Usage withServerTools(long webSearches, long webFetches) {
        return new Usage(inputTokens, outputTokens, cacheWrite5mTokens, cacheWrite1hTokens, cacheReadInputTokens,
                webSearches, webFetches);
    }

    /** All tokens written to the cache, of either TTL ({@code cache_creation_input_tokens}). */
    public long cacheCreationInputTokens() {
        return cacheWrite5mTokens + cacheWrite1hTokens;
    }

    /** The whole prompt: uncached input, cache writes and cache reads. Long-context prices key on this. */
    public long promptTokens() {
        return inputTokens + cacheCreationInputTokens() + cacheReadInputTokens;
    }

    /**
     * The share of the prompt read from the prompt cache: {@code cache_read / (input + cache_write + cache_read)},
     * between 0 and 1; 0 when there was no prompt at all. Summed usage gives the ratio over all its calls, each
     * weighted by its prompt.
     */
    public double cacheHitRatio() {
        long prompt = promptTokens();
        return prompt == 0 ? 0 : (double) cacheReadInputTokens / prompt;
    }

    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cacheWrite5mTokens + other.cacheWrite5mTokens,
                cacheWrite1hTokens + other.cacheWrite1hTokens,
                cacheReadInputTokens + other.cacheReadInputTokens,
                webSearchRequests + other.webSearchRequests,
                webFetchRequests + other.webFetchRequests);
    }

    /** Every token the provider billed for, of any kind (server-tool uses are not tokens and are not counted). */
    public long totalTokens() {
        return promptTokens() + outputTokens;
    }

    /** Whether nothing at all was billed: no token and no server-tool use. */
    public boolean isZero() {
        return equals(ZERO);
    }
}
