package dev.mainstay.dojo;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelClient;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.Usage;
import dev.mainstay.sim.brain.Brain;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulator brain as a {@link ModelClient}, in process: the same replies the simulator's HTTP server gives, without
 * the wire, so thousands of benchmark runs take seconds. Thread-safe.
 */
final class BrainModel implements ModelClient {
    static final String MODEL = "claude-sonnet-4-5";

    private final Brain brain;
    private final AtomicLong calls = new AtomicLong();

    BrainModel(Brain brain) {
        this.brain = brain;
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) {
        long n = calls.incrementAndGet();
        var reply = brain.reply(request);
        return new ModelResponse("msg_dojo_" + n, MODEL, reply.content(), reply.stopReason(),
                new Usage(estimate(request), 50, 0, 0), "req_dojo_" + n);
    }

    private static long estimate(ModelRequest request) {
        long chars = request.system().length();
        for (var m : request.messages()) {
            chars += m.text().length();
        }
        return Math.max(1, chars / 4);
    }

    @Override
    public String name() {
        return "dojo-brain";
    }
}
