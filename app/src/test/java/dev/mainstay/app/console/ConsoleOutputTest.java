package dev.mainstay.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleOutputTest {
    private static final String SAMPLE = "── Lisbon: 18°C → light rain… ok";

    @Test
    void aProcessWithoutAnyLocaleWritesUtf8EvenThoughTheJvmSaysAscii() {
        assertThat(ConsoleCharset.choose(Map.of(), "ANSI_X3.4-1968")).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void aUtf8LocaleIsKept() {
        assertThat(ConsoleCharset.choose(Map.of("LANG", "en_US.UTF-8"), "UTF-8")).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void aLocaleTheUserChoseIsHonouredEvenWhenItIsAscii() {
        assertThat(ConsoleCharset.choose(Map.of("LC_ALL", "C"), "ANSI_X3.4-1968")).isEqualTo(StandardCharsets.US_ASCII);
        assertThat(ConsoleCharset.choose(Map.of("LANG", "de_DE"), "ISO-8859-1"))
                .isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anUnknownJvmEncodingFallsBackToUtf8() {
        assertThat(ConsoleCharset.choose(Map.of("LANG", "xx"), "no-such-charset")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ConsoleCharset.choose(Map.of(), null)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void anAsciiConsoleGetsAsciiSpellingsInsteadOfQuestionMarks() {
        var bytes = new ByteArrayOutputStream();
        var out = ConsoleStream.of(bytes, StandardCharsets.US_ASCII);

        out.println(SAMPLE);
        out.printf("%s and %s%n", "café", "5 × 3 ≈ 15");

        assertThat(bytes.toString(StandardCharsets.US_ASCII))
                .isEqualTo("-- Lisbon: 18 C -> light rain... ok" + System.lineSeparator()
                        + "cafe and 5 x 3 ~ 15" + System.lineSeparator())
                .doesNotContain("?");
    }

    @Test
    void aLatin1ConsoleKeepsWhatLatin1CanShow() {
        var bytes = new ByteArrayOutputStream();
        var out = ConsoleStream.of(bytes, StandardCharsets.ISO_8859_1);

        out.print(SAMPLE);

        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).isEqualTo("-- Lisbon: 18°C -> light rain... ok");
    }

    @Test
    void aUtf8ConsoleWritesTheTextUnchanged() {
        var bytes = new ByteArrayOutputStream();
        ConsoleStream.of(bytes, StandardCharsets.UTF_8).print(SAMPLE);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(SAMPLE);
    }
}
