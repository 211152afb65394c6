package dev.mainstay.config;

import java.util.Objects;

/**
 * One invalid setting: which setting, what it must be, what it was. {@link #message()} reads like
 * {@code MAINSTAY_RETRY_MAX_ATTEMPTS must be between 1 and 100, but was 0}. The one problem type of every module's
 * configuration, so start-up can list every problem of every module at once.
 *
 * @param setting the setting's name as the user wrote it (an environment variable, or a config field such as
 *     {@code retry.maxAttempts})
 * @param requirement what the value must be, phrased to follow "must be" — or, for a {@link #stated} problem, the
 *     whole message
 * @param value the offending value as text (never a secret); null for a {@link #stated} problem
 */
public record ConfigProblem(String setting, String requirement, String value) {
    public ConfigProblem {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(requirement, "requirement");
    }

    /** A problem whose message is {@code message} as written, e.g. {@code BRAVE_API_KEY must be set when …}. */
    public static ConfigProblem stated(String setting, String message) {
        return new ConfigProblem(setting, message, null);
    }

    public ConfigProblem renamed(String newSetting) {
        if (value == null) {
            return new ConfigProblem(newSetting, requirement.replace(setting, newSetting), null);
        }
        return new ConfigProblem(newSetting, requirement, value);
    }

    public String message() {
        return value == null ? requirement : setting + " must be " + requirement + ", but was " + value;
    }
}
