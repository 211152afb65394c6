package dev.mainstay.app.console;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Chooses the charset the command line writes in. The JVM writes stdout in the locale's charset, which is ASCII when
 * no locale is set at all (a fresh container, {@code env -i}, many CI runners) — and then every {@code °}, arrow
 * and box line becomes {@code ?}. A process with no locale variables has no information about its terminal, and
 * terminals today are UTF-8, so it writes UTF-8; a locale the user did set is honoured, and characters its charset
 * cannot show are rendered in ASCII by {@link ConsoleText}.
 */
public final class ConsoleCharset {
    private static final List<String> LOCALE_VARIABLES = List.of("LC_ALL", "LC_CTYPE", "LANG");

    private ConsoleCharset() {}

    /**
     * The charset to write in, given the environment and the JVM's {@code stdout.encoding} (or
     * {@code native.encoding}) property value, which may be null.
     */
    public static Charset choose(Map<String, String> env, String jvmEncoding) {
        var jvm = parse(jvmEncoding);
        if (jvm != null && isUnicode(jvm)) {
            return jvm;
        }
        boolean localeSet = LOCALE_VARIABLES.stream().map(env::get).anyMatch(v -> v != null && !v.isBlank());
        if (!localeSet || jvm == null) {
            return StandardCharsets.UTF_8;
        }
        return jvm;
    }

    /** The charset for this process's stdout. */
    public static Charset forStdout(Map<String, String> env) {
        var encoding = System.getProperty("stdout.encoding", System.getProperty("native.encoding"));
        return choose(env, encoding);
    }

    static boolean isUnicode(Charset charset) {
        return charset.name().toUpperCase(java.util.Locale.ROOT).startsWith("UTF");
    }

    private static Charset parse(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
