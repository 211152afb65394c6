package dev.mainstay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A module's API surface: its public top-level types outside {@code internal} packages, read from its compiled
 * classes. A module's {@code ApiSurfaceTest} compares it with the reviewed list in
 * {@code src/test/resources/api-surface.txt}, so a new public type cannot appear without someone deciding it is API.
 */
public final class ApiSurface {
    private ApiSurface() {}

    /** The public API types under {@code classes} (a {@code target/classes} directory), by name, sorted. */
    public static List<String> of(Path classes) {
        var names = new TreeSet<String>();
        try (var files = Files.walk(classes)) {
            for (var file : (Iterable<Path>) files::iterator) {
                var relative = classes.relativize(file).toString().replace('\\', '/');
                if (!relative.endsWith(".class") || relative.contains("$") || relative.endsWith("module-info.class")
                        || relative.endsWith("package-info.class") || relative.contains("/internal/")) {
                    continue;
                }
                var name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                var type = Class.forName(name, false, ApiSurface.class.getClassLoader());
                if (Modifier.isPublic(type.getModifiers())) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(names);
    }

    /**
     * Asserts that the module's API surface is the reviewed one. Run with {@code -Dmainstay.api.review=write} to
     * write the current surface to the file instead, then review the diff like code.
     */
    public static void check(Path classes, Path reviewedFile) {
        var actual = of(classes);
        if ("write".equals(System.getProperty("mainstay.api.review"))) {
            try {
                var text = new StringBuilder("# The module's public API: reviewed types outside internal packages.\n"
                        + "# A new public type fails ApiSurfaceTest until it is listed here (or moved to an internal package).\n");
                actual.forEach(name -> text.append(name).append('\n'));
                Files.createDirectories(reviewedFile.getParent());
                Files.writeString(reviewedFile, text);
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var reviewed = Files.exists(reviewedFile) ? reviewed(reviewedFile) : List.<String>of();
        var unreviewed = actual.stream().filter(n -> !reviewed.contains(n)).toList();
        var gone = reviewed.stream().filter(n -> !actual.contains(n)).toList();
        if (!unreviewed.isEmpty() || !gone.isEmpty()) {
            throw new AssertionError("the API surface changed; review it and update " + reviewedFile
                    + " (or move implementation types to an internal package).\n  new public types: " + unreviewed
                    + "\n  listed but gone: " + gone);
        }
    }

    /** The reviewed list: one type per line; blank lines and {@code #} comments ignored. */
    public static List<String> reviewed(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
