package dev.mainstay.agent;

import dev.mainstay.model.Message;
import dev.mainstay.model.Usage;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import dev.mainstay.cost.Cost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The mutable state of one run while it executes. Confined to the run's thread. */
final class RunState {
    final AgentSpec agent;
    final RunRequest request;
    final Deadline deadline;
    final Cancellation cancellation;
    final Instant startedAt;
    final List<Message> messages = new ArrayList<>();
    int modelCalls;
    int streamRestarts;
    Usage usage = Usage.ZERO;
    Cost cost = Cost.ZERO;
    String lastText = "";

    RunState(AgentSpec agent, RunRequest request, Deadline deadline, Cancellation cancellation, Instant startedAt) {
        this.agent = agent;
        this.request = request;
        this.deadline = deadline;
        this.cancellation = cancellation;
        this.startedAt = startedAt;
    }

    String runId() {
        return request.runId();
    }
}
