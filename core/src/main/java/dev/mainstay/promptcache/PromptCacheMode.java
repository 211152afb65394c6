package dev.mainstay.promptcache;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's prompt-caching setting, {@value #SETTING}: {@code auto} (the default), {@code off}, {@code 5m} or
 * {@code 1h}. {@link #policy(boolean)} turns it into a {@link PromptCachePolicy} for a host that is long-lived (the
 * service) or not (a one-off command-line run).
 */
public enum PromptCacheMode {
    /** {@link PromptCachePolicy#auto(boolean)}. */
    AUTO("auto"),
    /** {@link PromptCachePolicy#OFF}. */
    OFF("off"),
    /** Everything marked with the 5-minute TTL. */
    FIVE_MINUTES("5m"),
    /** Everything marked with the 1-hour TTL. */
    ONE_HOUR("1h");

    /** The environment variable that sets the mode. */
    public static final String SETTING = "MAINSTAY_PROMPT_CACHE";
    /** The mode when {@value #SETTING} is unset or blank. */
    public static final PromptCacheMode DEFAULT = AUTO;

    private final String wire;

    PromptCacheMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The policy this mode means for a host that is {@code longLived} or not. */
    public PromptCachePolicy policy(boolean longLived) {
        return switch (this) {
            case AUTO -> PromptCachePolicy.auto(longLived);
            case OFF -> PromptCachePolicy.OFF;
            case FIVE_MINUTES -> PromptCachePolicy.both(CacheTtl.FIVE_MINUTES);
            case ONE_HOUR -> PromptCachePolicy.both(CacheTtl.ONE_HOUR);
        };
    }

    /**
     * The mode {@value #SETTING} names in {@code env}; {@link #DEFAULT} when unset or blank.
     *
     * @throws InvalidConfigException naming the setting and the value when it is none of the four
     */
    public static PromptCacheMode fromEnv(Map<String, String> env) {
        var text = env.get(SETTING);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        var wanted = text.strip().toLowerCase(Locale.ROOT);
        for (var mode : values()) {
            if (mode.wire.equals(wanted)) {
                return mode;
            }
        }
        throw new InvalidConfigException(List.of(new ConfigProblem(SETTING, "one of auto, off, 5m, 1h", "'" + text + "'")));
    }
}
