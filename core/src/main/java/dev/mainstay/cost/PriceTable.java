package dev.mainstay.cost;

import dev.mainstay.model.Usage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices by model id, with a {@link #version()} that every priced step records. A model id matches the longest
 * configured prefix that ends at a word boundary of the id (the id itself, or a prefix followed by {@code -},
 * {@code @}, {@code :}, {@code [} or {@code .}, or a prefix ending in one), so a dated id
 * ({@code claude-sonnet-4-5-20250929}) shares its alias's price while {@code claude-fable-5-20260609} does not fall
 * into {@code claude-fable-5-2}. A model no prefix matches is unpriced: its cost is not known, never guessed.
 * Immutable and thread-safe.
 */
public final class PriceTable {
    /** The version of {@link #anthropicDefaults()}: the date its list prices were read from Anthropic's page. */
    public static final String ANTHROPIC_VERSION = "anthropic-2026-12-01";

    private final String version;
    private final Map<String, ModelPrice> byPrefix;

    private PriceTable(String version, Map<String, ModelPrice> byPrefix) {
        if (Objects.requireNonNull(version, "version").isBlank()) {
            throw new IllegalArgumentException("a price table needs a version");
        }
        this.version = version;
        this.byPrefix = Map.copyOf(byPrefix);
    }

    /**
     * Anthropic's list prices (USD per million tokens) for every model anthropic-java 3.14 names but Claude Mythos
     * Preview (which has no published price), plus the older ids still served, as published on
     * platform.claude.com/docs/en/about-claude/pricing on 2026-12-01 (see {@link AnthropicPrices}). Web search is
     * $10 per 1,000 searches on every model.
     */
    public static PriceTable anthropicDefaults() {
        return new PriceTable(ANTHROPIC_VERSION, AnthropicPrices.LIST);
    }

    /** A table of exactly {@code byPrefix}, versioned by a hash of its content. */
    public static PriceTable of(Map<String, ModelPrice> byPrefix) {
        return new PriceTable("custom+" + hash(new java.util.TreeMap<>(byPrefix).toString()), byPrefix);
    }

    /** A table of exactly {@code byPrefix} under {@code version}. */
    public static PriceTable of(String version, Map<String, ModelPrice> byPrefix) {
        return new PriceTable(version, byPrefix);
    }

    /**
     * This table with prices added or replaced from {@code spec}: comma-separated
     * {@code prefix=input/output[;option=value...]} entries in USD per million tokens, e.g.
     * {@code claude-mythos-preview=25/125,my-proxy-model=2.5/10;cache_read=0.5}. Options: {@code cache_write_5m},
     * {@code cache_write_1h}, {@code cache_read} (USD per million tokens; by default 1.25×, 2× and 0.1× input),
     * {@code long_context=threshold:inputMultiplier:outputMultiplier} (e.g. {@code 200000:2:1.5}) and
     * {@code web_search_per_1k} (default 10). An entry replaces the whole price of its prefix. The result's version
     * is this one's with a hash of the spec, e.g. {@code anthropic-2026-12-01+sha256:3f1c…}.
     *
     * @throws IllegalArgumentException naming every malformed entry
     */
    public PriceTable withOverrides(String spec) {
        var overrides = PriceSpec.parse(spec);
        if (overrides.isEmpty()) {
            return this;
        }
        var prices = new LinkedHashMap<>(byPrefix);
        prices.putAll(overrides);
        return new PriceTable(version + "+" + hash(overrides.toString()), prices);
    }

    /** The table's version: {@link #ANTHROPIC_VERSION}, or that with a hash of the overrides applied to it. */
    public String version() {
        return version;
    }

    /** The price of the longest prefix of {@code model} in the table. */
    public Optional<ModelPrice> priceOf(String model) {
        ModelPrice best = null;
        int bestLength = -1;
        for (var entry : byPrefix.entrySet()) {
            var prefix = entry.getKey();
            if (matches(prefix, model) && prefix.length() > bestLength) {
                best = entry.getValue();
                bestLength = prefix.length();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The cost of {@code usage} on {@code model} through the ordinary Messages API; not known without a price. */
    public Cost cost(String model, Usage usage) {
        return cost(model, usage, BillingMode.STANDARD);
    }

    public Cost cost(String model, Usage usage, BillingMode mode) {
        return priceOf(model).map(p -> Cost.usd(p.cost(usage, mode))).orElseGet(() -> Cost.unpriced(model));
    }

    private static boolean matches(String prefix, String model) {
        if (!model.startsWith(prefix)) {
            return false;
        }
        if (model.length() == prefix.length() || isBoundary(prefix.charAt(prefix.length() - 1))) {
            return true;
        }
        return isBoundary(model.charAt(prefix.length()));
    }

    private static boolean isBoundary(char c) {
        return c == '-' || c == '@' || c == ':' || c == '[' || c == '.' || c == '/' || c == '_';
    }

    private static String hash(String content) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "PriceTable[" + version + ", " + byPrefix.size() + " prefixes]";
    }
}
