package dev.mainstay.app.cli;

import java.io.PrintStream;
import java.util.Map;

/** What every command gets from the process: its environment and output streams. stdout carries results only. */
public record Cli(Map<String, String> env, PrintStream out, PrintStream err) {
    public Cli {
        env = Map.copyOf(env);
    }

    /** A one-line notice on stderr, e.g. that the built-in simulator is answering. */
    public void notice(String line) {
        err.println("mainstay: " + line);
    }
}
