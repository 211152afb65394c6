package dev.mainstay.app.cli;

import dev.mainstay.app.console.ConsoleStream;
import dev.mainstay.json.Json;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What every command gets from the process: its environment, standard input and output streams. stdout carries
 * results only.
 */
public record Cli(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    public Cli {
        env = Map.copyOf(env);
    }

    /** A command line without input (stdin reads as empty). */
    public Cli(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, InputStream.nullInputStream(), out, err);
    }

    /** A one-line notice on stderr, e.g. that the built-in simulator is answering. */
    public void notice(String line) {
        err.println("mainstay: " + line);
    }

    /**
     * Prints one JSON document on stdout, on one line. On a console that cannot show every character the text is
     * escaped to ASCII ({@code \\u00b0}) rather than altered: the document stays valid and means the same.
     */
    public void printJson(Object document) {
        out.println(out instanceof ConsoleStream ? Json.writeAscii(document) : Json.write(document));
    }
}
