package dev.mainstay.time;

import java.util.UUID;

/** Makes ids for runs and steps. Injected so tests get predictable ids. */
@FunctionalInterface
public interface IdGenerator {
    String next(String prefix);

    static IdGenerator random() {
        return prefix -> prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
