package dev.mainstay.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    @Test
    void readsEventsSeparatedByBlankLinesWhateverTheLineEnding() throws IOException {
        var events = readAll("data: one\n\ndata: two\r\n\r\ndata: three\r\rdata: four\n\n");

        assertThat(events).extracting(SseReader.Event::data).containsExactly("one", "two", "three", "four");
    }

    @Test
    void joinsTheDataLinesOfOneEventAndKeepsItsName() throws IOException {
        var events = readAll("event: error\ndata: {\"a\":\ndata:1}\n\n");

        assertThat(events).containsExactly(new SseReader.Event("error", "{\"a\":\n1}"));
    }

    @Test
    void skipsCommentsAndFieldsItDoesNotUse() throws IOException {
        var events = readAll(": keep-alive\nid: 7\nretry: 100\ndata: x\n\n: bye\n\n");

        assertThat(events).containsExactly(new SseReader.Event("", "x"));
    }

    @Test
    void returnsAnEventStillPendingWhenTheStreamEnds() throws IOException {
        assertThat(readAll("data: [DONE]")).containsExactly(new SseReader.Event("", "[DONE]"));
    }

    @Test
    void keepsMultiByteCharactersWhole() throws IOException {
        assertThat(readAll("data: 14 °C ☀\n\n")).containsExactly(new SseReader.Event("", "14 °C ☀"));
    }

    @Test
    void refusesALineLongerThanTheLimit() {
        var reader = new SseReader(stream("data: " + "x".repeat(100) + "\n\n"), 64);

        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("longer than 64 bytes");
    }

    private static List<SseReader.Event> readAll(String text) throws IOException {
        var reader = new SseReader(stream(text), 1024);
        var events = new ArrayList<SseReader.Event>();
        for (var event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
