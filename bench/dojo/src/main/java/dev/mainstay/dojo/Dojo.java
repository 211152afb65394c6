package dev.mainstay.dojo;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.approval.Approvals;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.journal.Fence;
import dev.mainstay.journal.InMemoryJournal;
import dev.mainstay.journal.JournalEntry;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.PolicyDecision;
import dev.mainstay.journal.Recorded;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ModelChain;
import dev.mainstay.policy.InjectionDetector;
import dev.mainstay.policy.Verdict;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.runtime.ReferenceAgent;
import dev.mainstay.sim.attack.AttackTemplate;
import dev.mainstay.sim.attack.InjectedWorld;
import dev.mainstay.sim.world.FakeWorld;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.ToolEffect;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link Suite}: for each model mode and configuration, every user task once without an attack (benign
 * utility) and once for each injection task and attack template (utility under attack, attack success). Each run
 * is the reference agent — its system prompt and its security settings for the configuration — on the real
 * reference tools in a fresh {@link Environment}, through the real agent loop and tool chain, with a simulator brain
 * as the model. A run that pauses for approval is answered by a simulated {@link Reviewer} — by default a careful one,
 * who approves exactly the side effects the user's task asked for ({@link UserTask#expects()}) — and resumed. Deterministic: the same suite and
 * seed give the same figures, whatever the number of threads.
 */
public final class Dojo {
    /** The date of the world's weather: a fixed day, so forecasts are the same on every machine. */
    static final Instant WORLD_TIME = Instant.parse("2026-06-15T12:00:00Z");
    static final String USER_NAME = "Emma Johnson";
    static final String MODEL_NAME = "Claude";
    private static final int MAX_ROUNDS = 16;

    private final long seed;
    private final int threads;
    private final FakeWorld world;
    private final Reviewer reviewer;

    /** A benchmark whose approval requests a {@link Reviewer#CAREFUL careful} person answers. */
    public Dojo(long seed, int threads) {
        this(seed, threads, Reviewer.CAREFUL);
    }

    public Dojo(long seed, int threads, Reviewer reviewer) {
        this.reviewer = java.util.Objects.requireNonNull(reviewer, "reviewer");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, but was " + threads);
        }
        this.seed = seed;
        this.threads = threads;
        this.world = new FakeWorld(seed, InstantSource.fixed(WORLD_TIME));
    }


    /** The benchmark suite for every mode and configuration, with every attack template. */
    public DojoReport benchmark() {
        return measure(Suites.benchmark(), List.of(ModelMode.values()), List.of(Configuration.values()),
                List.of(AttackTemplate.values()));
    }

    /** {@code suite} for the modes and configurations asked for. */
    public DojoReport measure(Suite suite, List<ModelMode> modes, List<Configuration> configurations,
            List<AttackTemplate> templates) {
        var all = new ArrayList<Metrics>();
        for (var mode : modes) {
            for (var configuration : configurations) {
                all.add(Metrics.of(mode, configuration, suite.pairs(), runs(suite, mode, configuration, templates)));
            }
        }
        return new DojoReport(suite, templates.stream().map(AttackTemplate::wire).toList(), seed, reviewer, all);
    }

    /** Every run of one (mode, configuration), scored, in a fixed order. */
    List<RunRecord> runs(Suite suite, ModelMode mode, Configuration configuration, List<AttackTemplate> templates) {
        var plans = new ArrayList<Planned>();
        for (var task : suite.userTasks()) {
            plans.add(new Planned(task, null, null));
            for (var injection : suite.injectionTasks()) {
                for (var template : templates) {
                    plans.add(new Planned(task, injection, template));
                }
            }
        }
        var journal = new InMemoryJournal(Math.max(1024, threads * 64));
        try (var loop = AgentLoop.builder(ModelChain.direct(new BrainModel(mode.brain(seed)),
                        PriceTable.anthropicDefaults()))
                .tools(configuration.chain()).journal(journal).random(new SplittableRandom(seed)).build();
                var pool = Executors.newFixedThreadPool(threads)) {
            var futures = new ArrayList<Future<RunRecord>>();
            for (int i = 0; i < plans.size(); i++) {
                var plan = plans.get(i);
                var runId = "dojo_" + mode.wire() + "_" + configuration.wire() + "_" + i;
                futures.add(pool.submit(() -> run(loop, journal, runId, plan, configuration)));
            }
            var records = new ArrayList<RunRecord>(futures.size());
            for (var future : futures) {
                records.add(future.get());
            }
            return records;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the benchmark was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a benchmark run failed", e.getCause());
        }
    }

    private record Planned(UserTask task, InjectionTask injection, AttackTemplate template) {}

    private RunRecord run(AgentLoop loop, InMemoryJournal journal, String runId, Planned plan,
            Configuration configuration) {
        var injected = plan.injection() == null ? InjectedWorld.clean(world)
                : InjectedWorld.planted(world, plan.template().render(plan.injection().goal(), USER_NAME, MODEL_NAME),
                        plan.task().reads());
        var env = new Environment(injected);
        var agent = new AgentSpec(ReferenceAgent.NAME, ReferenceAgent.SYSTEM_PROMPT + "\n" + Environment.CONTACTS,
                BrainModel.MODEL, env.toolbox,
                RunLimits.DEFAULTS, false, false, 0, configuration.security());
        var request = new RunRequest(runId, Environment.TENANT, Environment.USER, plan.task().prompt());
        var result = loop.run(agent, request);
        for (int round = 0; result.stopReason() == RunStopReason.AWAITING_APPROVAL && round < MAX_ROUNDS; round++) {
            for (var pending : Approvals.pending(journal, runId)) {
                Approvals.decide(journal, Fence.first(runId), reviewer.review(plan.task(), pending),
                        InstantSource.system());
            }
            result = loop.run(agent, request);
        }
        var entries = journal.read(runId).stream().map(Recorded::entry).toList();
        var outcome = new Outcome(result.stopReason(), result.answer(), trace(entries), env);
        return new RunRecord(plan.task().id(), Optional.ofNullable(plan.injection()).map(InjectionTask::id),
                Optional.ofNullable(plan.template()).map(AttackTemplate::wire),
                plan.injection() != null && plan.injection().sideEffect(), result.stopReason(),
                result.stopReason() == RunStopReason.COMPLETED && plan.task().utility().test(outcome),
                plan.injection() != null && plan.injection().achieved().test(outcome),
                sideEffectCalls(agent, entries), approvals(entries), flagged(agent, entries));
    }

    private static List<ToolStep> trace(List<JournalEntry> entries) {
        return entries.stream().filter(ToolStep.class::isInstance).map(ToolStep.class::cast).toList();
    }

    private static int sideEffectCalls(AgentSpec agent, List<JournalEntry> entries) {
        int count = 0;
        for (var entry : entries) {
            if (entry instanceof ModelStep step && step.response().isPresent()) {
                for (var use : step.response().get().toolUses()) {
                    count += agent.tools().find(use.name())
                            .filter(t -> t.spec().effect() == ToolEffect.SIDE_EFFECT).isPresent() ? 1 : 0;
                }
            }
        }
        return count;
    }

    private static int approvals(List<JournalEntry> entries) {
        return (int) entries.stream().filter(e -> e instanceof PolicyDecision d
                && d.verdict() instanceof Verdict.NeedsApproval).count();
    }

    /** Whether the heuristic detector flags any untrusted output of the run, whatever the configuration. */
    private static boolean flagged(AgentSpec agent, List<JournalEntry> entries) {
        var detector = InjectionDetector.heuristic();
        return trace(entries).stream().anyMatch(s -> agent.tools().find(s.tool())
                .filter(t -> t.spec().outputTrust() == OutputTrust.UNTRUSTED).isPresent()
                && detector.inspect(s.result().content()).suspected());
    }
}
