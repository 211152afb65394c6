package dev.mainstay.bench.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stack the driver can launch: its name, the module under {@code bench/} whose class path it runs on, and its main
 * class with leading arguments.
 *
 * @param module the module's folder relative to {@code bench/}, {@code "."} for the bench module itself
 */
record StackDefinition(String name, String module, List<String> main) {
    static final String RAW = "raw";

    /** Every stack, in the order each round runs them: the raw SDK first, as the baseline of its round. */
    static final List<StackDefinition> ALL = List.of(
            new StackDefinition(RAW, ".", List.of("dev.mainstay.bench.stacks.RawStack")),
            new StackDefinition("mainstay-bare", ".", List.of("dev.mainstay.bench.stacks.MainstayStack", "bare")),
            new StackDefinition("mainstay-full", ".", List.of("dev.mainstay.bench.stacks.MainstayStack", "full")),
            new StackDefinition("langchain4j", "peer-langchain4j",
                    List.of("dev.mainstay.bench.peer.langchain4j.LangChain4jStack")),
            new StackDefinition("spring-ai", "peer-spring-ai",
                    List.of("dev.mainstay.bench.peer.springai.SpringAiStack")));

    StackDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        main = List.copyOf(main);
    }

    static Optional<StackDefinition> named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    /** The file the module's build writes its runtime class path to. */
    Path classpathFile(Path benchDir) {
        return benchDir.resolve(module).resolve("target/bench-classpath.txt");
    }

    /**
     * The module's compiled classes followed by its runtime dependencies.
     *
     * @throws IOException when the module has not been built (the message says how to build it)
     */
    String classpath(Path benchDir) throws IOException {
        var file = classpathFile(benchDir);
        var classes = benchDir.resolve(module).resolve("target/classes").normalize();
        if (!Files.isRegularFile(file) || !Files.isDirectory(classes)) {
            throw new IOException("stack " + name + " is not built (missing " + file.normalize() + "); build it with "
                    + (module.equals(".") ? "./mvnw -pl bench package" : "./mvnw -Ppeers -pl bench/" + module
                    + " package"));
        }
        var dependencies = Files.readString(file).strip();
        return dependencies.isEmpty() ? classes.toString() : classes + java.io.File.pathSeparator + dependencies;
    }
}
