package dev.mainstay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.mainstay.runtime.logging.RedactingEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactingEncoderTest {
    private static String encode(RedactingEncoder encoder, String message) {
        var context = new LoggerContext();
        var event = new LoggingEvent("x", context.getLogger("lib"), Level.INFO, message, null, null);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static RedactingEncoder around(boolean personal) {
        var context = new LoggerContext();
        var pattern = new PatternLayoutEncoder();
        pattern.setContext(context);
        pattern.setPattern("%msg");
        var encoder = new RedactingEncoder();
        encoder.setContext(context);
        encoder.setEncoder(pattern);
        encoder.setPersonalData(personal);
        encoder.start();
        return encoder;
    }

    @Test
    void aLineALibraryLogsLosesItsSecretsBeforeItIsWritten() {
        var line = encode(around(false), "POST /v1/messages x-api-key: sk-ant-" + "api03-abcdefghijklmnopqrst to ada@example.org");

        assertThat(line).doesNotContain("sk-ant-").contains("[REDACTED:").contains("ada@example.org");
    }

    @Test
    void personalDataToWhenAsked() {
        var line = encode(around(true), "mail ada@example.org");

        assertThat(line).isEqualTo("mail [REDACTED:email]");
    }
}
