package dev.mainstay.journal;

import dev.mainstay.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the current version's fixtures once, when a version is introduced; never run to change old ones. */
final class FixtureWriter {
    public static void main(String[] args) throws Exception {
        var dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (var name : JournalCodecTest.CURRENT) {
            var json = Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(JournalCodec.toJson(JournalCodecTest.expected(name)));
            Files.writeString(dir.resolve(name + ".json"), json + "\n");
        }
    }
}
