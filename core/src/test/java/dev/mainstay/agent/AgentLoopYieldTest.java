package dev.mainstay.agent;

import static dev.mainstay.testing.ScriptedModel.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.RunFinished;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.RunClosed;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.Refusal;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.testing.RecordingListener;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.time.Cancellation;
import dev.mainstay.tool.Toolbox;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AgentLoopYieldTest {
    private static final String FULL = "concurrency_queue_full";
    private final InMemoryJournal journal = new InMemoryJournal();
    private final RecordingListener listener = new RecordingListener();
    private final AgentSpec agent = new AgentSpec("test", "", "claude-sonnet-4-5", Toolbox.of(), RunLimits.DEFAULTS,
            false, false);
    private final RunRequest request = new RunRequest("run_y", "default", "user_1", "hello");
    private final AtomicBoolean full = new AtomicBoolean(true);
    private final ScriptedModel model = new ScriptedModel().then(text("Hello."));
    /** This node's limiter: while full, it refuses the call before anything is sent. */
    private final ModelInterceptor limiter = chain -> full.get()
            ? new ModelOutcome.Refused(Refusal.ofEndpoint("concurrency-limit", FULL, "scripted", "no slot here"))
            : chain.proceed(chain.request(), chain.context());
    private final ModelChain chain = ModelChain.builder(List.of(new ModelEndpoint("scripted", "", model)),
            dev.mainstay.cost.PriceTable.anthropicDefaults()).add(ModelChain.Slot.CONCURRENCY, limiter).build();
    private final AgentLoop loop = AgentLoop.builder(chain).journal(journal).listener(listener).build();

    private RunControl control(Fence fence) {
        return new RunControl(fence, Cancellation.NEVER, 1, refusal -> refusal.code().equals(FULL));
    }

    @Test
    void aRefusalTheCallerYieldsOnStopsTheRunWithoutRecordingTheCallOrClosingTheJournal() {
        var result = loop.run(agent, request, control(Fence.first("run_y")));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.YIELDED);
        assertThat(result.stopReason().isPause()).isTrue();
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(FULL));
        assertThat(journal.read("run_y")).extracting(Recorded::entry).singleElement().isInstanceOf(RunOpened.class);
        assertThat(listener.ofType(ModelCallFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.errorCode()).isEqualTo(FULL));
        assertThat(listener.ofType(RunFinished.class)).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void aYieldedRunResumesFromItsJournalAndMakesTheCallThen() {
        loop.run(agent, request, control(Fence.first("run_y")));
        full.set(false);

        var result = loop.run(agent, request, control(new Fence("run_y", 2)));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.COMPLETED);
        assertThat(result.answer()).isEqualTo("Hello.");
        var entries = journal.read("run_y").stream().map(Recorded::entry).toList();
        assertThat(entries).filteredOn(ModelStep.class::isInstance).singleElement()
                .satisfies(step -> assertThat(((ModelStep) step).error()).isEmpty());
        assertThat(entries.getLast()).isInstanceOf(RunClosed.class);
    }

    @Test
    void withoutAQueueToGoBackToTheSameRefusalFailsTheRun() {
        var result = loop.run(agent, request, new RunControl(Fence.first("run_y"), Cancellation.NEVER, 1));

        assertThat(result.stopReason()).isEqualTo(RunStopReason.FAILED);
        assertThat(journal.read("run_y").getLast().entry()).isInstanceOf(RunClosed.class);
    }

    @Test
    void aCancelledRunDoesNotYield() {
        var cancellation = new dev.mainstay.time.CancellationSource();
        ModelInterceptor cancelsThenRefuses = c -> {
            cancellation.cancel();
            return limiter.intercept(c);
        };
        var cancelling = ModelChain.builder(List.of(new ModelEndpoint("scripted", "", model)),
                dev.mainstay.cost.PriceTable.anthropicDefaults()).add(ModelChain.Slot.CONCURRENCY, cancelsThenRefuses)
                .build();

        var result = AgentLoop.builder(cancelling).journal(journal).build().run(agent, request,
                new RunControl(Fence.first("run_y"), cancellation, 1, refusal -> true));

        assertThat(result.stopReason()).isNotEqualTo(RunStopReason.YIELDED);
        assertThat(journal.read("run_y").getLast().entry()).isInstanceOf(RunClosed.class);
    }
}
