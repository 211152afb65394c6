package dev.mainstay.sim.internal;

import dev.mainstay.sim.ErrorFault;
import java.util.Objects;

/** The one fault (or none) drawn for a request. */
public sealed interface Fault {
    /** Answer normally. */
    record None() implements Fault {}

    /** Answer with an error status: 429, 529 or 500. */
    record ErrorStatus(int status) implements Fault {}

    /** Refuse the request with a client-error status: 400, 401, 403, 404, 413 or a 429 usage limit. */
    record Refused(ErrorFault kind) implements Fault {
        public Refused {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Start a 200 stream, then send an {@code overloaded_error} event after some content. */
    record MidStreamOverload() implements Fault {}

    /** Close the connection after {@code afterEvents} SSE events (or half of a JSON body). */
    record Cut(int afterEvents) implements Fault {}

    /** Never answer; hold the connection. */
    record Hang() implements Fault {}

    /** Answer 200 with a truncated JSON body. */
    record Malformed() implements Fault {}

    Fault NONE = new None();
}
