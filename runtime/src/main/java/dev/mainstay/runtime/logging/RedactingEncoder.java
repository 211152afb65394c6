package dev.mainstay.runtime.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.mainstay.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The last guard before a log line is written: wraps any logback encoder (the text pattern or the JSON encoder) and
 * passes every encoded line through {@link Redactor#secrets()}, so a key, token or bearer header that some library
 * logged anyway — a request dump at TRACE, an exception message — never reaches the log. Configure it around the
 * real encoder:
 *
 * <pre>{@code
 * <encoder class="dev.mainstay.runtime.logging.RedactingEncoder">
 *   <encoder class="ch.qos.logback.classic.encoder.PatternLayoutEncoder"><pattern>%msg%n</pattern></encoder>
 * </encoder>
 * }</pre>
 *
 * The wrapped encoder must write UTF-8. The replacement text holds no quotes or backslashes, so JSON lines stay
 * valid.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;
    private Redactor redactor = Redactor.secrets();

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** Also redact personal data (e-mails, phone numbers, cards, IBANs) from log lines. */
    public void setPersonalData(boolean redactPersonalData) {
        this.redactor = redactPersonalData ? Redactor.all() : Redactor.secrets();
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("RedactingEncoder needs an <encoder> to wrap");
            return;
        }
        if (!encoder.isStarted()) {
            if (encoder.getContext() == null) {
                encoder.setContext(getContext());
            }
            encoder.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        if (encoder != null) {
            encoder.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return redact(encoder.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }

    private byte[] redact(byte[] line) {
        if (line == null || line.length == 0) {
            return line;
        }
        var text = new String(line, StandardCharsets.UTF_8);
        var clean = redactor.redact(text);
        return clean == text ? line : clean.getBytes(StandardCharsets.UTF_8);
    }
}
