package dev.mainstay.app;

import dev.mainstay.runtime.config.LogLevel;
import dev.mainstay.runtime.config.MainstayConfig;
import java.util.Map;

/**
 * Chooses the log format and level before the first logger is created: {@code MAINSTAY_LOG_FORMAT=json} selects
 * structured JSON lines (with {@code run_id} on every run line), anything else the readable format; a valid
 * {@code MAINSTAY_LOG_LEVEL} sets Mainstay's level. An invalid value leaves the default here and is reported, with
 * every other configuration problem, when the command reads its configuration. Logs go to stderr.
 */
final class LogSetup {
    /** The system property the logback configurations read Mainstay's level from. */
    static final String LEVEL_PROPERTY = "mainstay.log.level";

    private LogSetup() {}

    static void configure(Map<String, String> env) {
        configure(env, new String[0]);
    }

    /**
     * As {@link #configure(Map)}, with the service ({@code mainstay serve}) logging JSON lines unless
     * {@code MAINSTAY_LOG_FORMAT} says otherwise: a log pipeline reads the service, a person reads the CLI.
     */
    static void configure(Map<String, String> env, String[] args) {
        LogLevel.parse(env.get(MainstayConfig.LOG_LEVEL))
                .ifPresent(level -> System.setProperty(LEVEL_PROPERTY, level.name()));
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        var format = env.getOrDefault(MainstayConfig.LOG_FORMAT, serves(args) ? "json" : "text").trim();
        if (format.equalsIgnoreCase("json")) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
    }

    /** Whether the command is {@code serve}: its first argument that is no option. */
    static boolean serves(String[] args) {
        for (var arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("serve");
            }
        }
        return false;
    }
}
