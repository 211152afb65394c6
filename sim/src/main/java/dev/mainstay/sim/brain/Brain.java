package dev.mainstay.sim.brain;

import dev.mainstay.model.ModelRequest;

/**
 * Decides what the simulated model answers to one Messages API request. Pure and deterministic: the same request
 * and seed give the same reply. Thread-safe. The server turns the reply into JSON or an SSE stream and computes
 * usage; a brain never deals with HTTP.
 */
@FunctionalInterface
public interface Brain {
    Reply reply(ModelRequest request);
}
