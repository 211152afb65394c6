package dev.mainstay.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The peer modules run the harness without Mainstay's dependencies: it must need nothing but the JDK. */
class HarnessPurityTest {
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void harnessImportsOnlyTheJdk() throws IOException {
        var sources = Path.of("src/main/java/dev/mainstay/bench/harness");
        try (Stream<Path> files = Files.list(sources)) {
            var imports = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return IMPORT.matcher(Files.readString(f)).results().map(m -> f.getFileName() + ": " + m.group(2));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();

            assertThat(imports).isNotEmpty().allSatisfy(i -> assertThat(i.substring(i.indexOf(": ") + 2))
                    .matches("(java|javax|jdk|com\\.sun)\\..*"));
        }
    }
}
