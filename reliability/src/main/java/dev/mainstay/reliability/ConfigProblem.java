package dev.mainstay.reliability;

import java.util.Objects;

/**
 * One invalid setting: which setting, what it must be, what it was. {@link #message()} reads like
 * {@code MAINSTAY_RETRY_MAX_ATTEMPTS must be between 1 and 100, but was 0}.
 *
 * @param setting the setting's name as the user wrote it (a config field such as {@code retry.maxAttempts}, or an
 *     environment variable)
 * @param requirement what the value must be, phrased to follow "must be"
 * @param value the offending value as text
 */
public record ConfigProblem(String setting, String requirement, String value) {
    public ConfigProblem {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(value, "value");
    }

    public ConfigProblem renamed(String newSetting) {
        return new ConfigProblem(newSetting, requirement, value);
    }

    public String message() {
        return setting + " must be " + requirement + ", but was " + value;
    }
}
