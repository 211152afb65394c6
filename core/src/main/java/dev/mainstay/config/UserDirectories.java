package dev.mainstay.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a command-line user's files go, read from the environment the way other command-line tools do: the home
 * directory is {@code $HOME} (the JVM's {@code user.home} comes from the password database and ignores it), and
 * data goes under {@code $XDG_DATA_HOME/mainstay} when that is set, else under {@code $HOME/.mainstay}.
 *
 * @param home the user's home directory
 * @param data the directory holding Mainstay's own files (notes, the local store)
 */
public record UserDirectories(Path home, Path data) {
    public static final String HOME = "HOME";
    public static final String XDG_DATA_HOME = "XDG_DATA_HOME";

    public UserDirectories {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(data, "data");
    }

    /**
     * The directories for {@code env}. A relative or blank {@code HOME} or {@code XDG_DATA_HOME} is ignored, as the
     * XDG specification says; without a usable {@code HOME} the JVM's {@code user.home} is the home.
     */
    public static UserDirectories from(Map<String, String> env) {
        var home = absolute(env.get(HOME)).orElseGet(() -> Path.of(System.getProperty("user.home")));
        var data = absolute(env.get(XDG_DATA_HOME)).map(p -> p.resolve("mainstay"))
                .orElseGet(() -> home.resolve(".mainstay"));
        return new UserDirectories(home, data);
    }

    private static java.util.Optional<Path> absolute(String raw) {
        if (raw == null || raw.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            var path = Path.of(raw.trim());
            return path.isAbsolute() ? java.util.Optional.of(path) : java.util.Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return java.util.Optional.empty();
        }
    }
}
