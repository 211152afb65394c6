package dev.mainstay.app.console;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * A {@link PrintStream} in a given charset that renders characters the charset cannot show in ASCII
 * ({@link ConsoleText}) instead of as {@code ?}. For a Unicode charset it is a plain {@link PrintStream}.
 */
public final class ConsoleStream extends PrintStream {
    private final ConsoleText text;

    private ConsoleStream(OutputStream out, Charset charset) {
        super(out, true, charset);
        this.text = new ConsoleText(charset);
    }

    /** A stream writing {@code out} in {@code charset}, flushing on every line. */
    public static PrintStream of(OutputStream out, Charset charset) {
        return ConsoleCharset.isUnicode(charset) ? new PrintStream(out, true, charset) : new ConsoleStream(out, charset);
    }

    // PrintStream's println, printf, format and append all end in one of these when subclassed.
    @Override
    public synchronized void print(String s) {
        super.print(text.render(String.valueOf(s)));
    }

    @Override
    public void print(Object obj) {
        print(String.valueOf(obj));
    }

    @Override
    public void print(char c) {
        print(String.valueOf(c));
    }

    @Override
    public void print(char[] s) {
        print(new String(s));
    }
}
