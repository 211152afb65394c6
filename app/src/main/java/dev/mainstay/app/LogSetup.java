package dev.mainstay.app;

import java.util.Map;

/**
 * Chooses the log format before the first logger is created: {@code MAINSTAY_LOG_FORMAT=json} selects structured
 * JSON lines (with {@code run_id} on every run line), anything else the readable format. Logs go to stderr.
 */
final class LogSetup {
    private LogSetup() {}

    static void configure(Map<String, String> env) {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        var format = env.getOrDefault("MAINSTAY_LOG_FORMAT", "text").trim();
        if (format.equalsIgnoreCase("json")) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
    }
}
