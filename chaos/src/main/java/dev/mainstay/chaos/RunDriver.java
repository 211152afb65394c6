package dev.mainstay.chaos;

import dev.mainstay.agent.AgentSpec;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.chaos.RunRecord.RunOutcome;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.time.CancellationSource;
import dev.mainstay.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.slf4j.LoggerFactory;

/**
 * Makes a batch of runs on a runtime: {@code concurrency} virtual-thread workers take runs in order, each run gets
 * its task and streaming choice from a seeded plan, optionally paced to {@code runsPerSecond}, and a run that failed
 * after streaming text is resumed from its journal up to {@code resumesAfterDelivery} times. The batch is bounded
 * by {@code overallTimeout}: past it, the runs still going are cancelled. Stateless between batches.
 */
final class RunDriver {
    /** How long cancelled runs get to wind down after the overall timeout. */
    static final Duration WIND_DOWN = Duration.ofSeconds(30);

    private final ChaosSettings settings;
    private final Consumer<String> notices;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    RunDriver(ChaosSettings settings, Consumer<String> notices, Sleeper sleeper, LongSupplier nanoTime) {
        this.settings = settings;
        this.notices = notices;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    /**
     * Makes {@code records.length()} runs named {@code <prefix>_<seed>_<i>}, recording each in {@code records};
     * false when the overall timeout passed first.
     */
    boolean runAll(MainstayRuntime runtime, DeliveryFailures deliveries, long seed, String prefix,
            AtomicReferenceArray<RunRecord> records, ExecutorService executor) {
        var plan = new Plan(seed, records.length(), settings.streamShare());
        var cancel = new CancellationSource();
        var next = new AtomicInteger();
        var agent = runtime.agent();
        long first = nanoTime.getAsLong();
        int workers = Math.min(settings.concurrency(), plan.tasks().length);
        var futures = IntStream.range(0, workers)
                .mapToObj(w -> executor.submit(() -> work(runtime, deliveries, agent, plan, prefix, next, records,
                        cancel, first)))
                .toList();
        if (awaitAll(futures, settings.overallTimeout())) {
            return true;
        }
        notices.accept("chaos: the overall timeout of " + settings.overallTimeout().toSeconds()
                + " s passed; cancelling the runs still going");
        cancel.cancel();
        awaitAll(futures, WIND_DOWN);
        return false;
    }

    /** Which task and whether to stream, per run, drawn once from the seed. */
    private record Plan(int[] tasks, boolean[] stream) {
        Plan(long seed, int runs, double streamShare) {
            this(new int[runs], new boolean[runs]);
            var random = new SplittableRandom(seed);
            for (int i = 0; i < runs; i++) {
                tasks[i] = i % ChaosHarness.TASKS.size();
                stream[i] = random.nextDouble() < streamShare;
            }
        }
    }

    private void work(MainstayRuntime runtime, DeliveryFailures deliveries, AgentSpec agent, Plan plan, String prefix,
            AtomicInteger next, AtomicReferenceArray<RunRecord> records, CancellationSource cancel, long first) {
        var streaming = agent.withStream(true);
        var plain = agent.withStream(false);
        for (int i = next.getAndIncrement(); i < plan.tasks().length && !cancel.isCancelled();
                i = next.getAndIncrement()) {
            if (!waitForTurn(i, first)) {
                return;
            }
            int task = plan.tasks()[i];
            boolean stream = plan.stream()[i];
            var request = new RunRequest(prefix + "_" + settings.seed() + "_" + i, RunRequest.DEFAULT_TENANT, "chaos",
                    ChaosHarness.TASKS.get(task));
            long start = nanoTime.getAsLong();
            try {
                var result = runtime.loop().run(stream ? streaming : plain, request, cancel);
                int resumes = 0;
                while (result.stopReason() == RunStopReason.FAILED && resumes < settings.resumesAfterDelivery()
                        && deliveries.takeFailedAfterDelivery(request.runId()) && !cancel.isCancelled()) {
                    var left = settings.runDeadline().minusNanos(nanoTime.getAsLong() - start);
                    if (left.isNegative() || left.isZero()) {
                        break;
                    }
                    var spec = stream ? streaming : plain;
                    result = runtime.loop().run(spec.withLimits(spec.limits().withDeadline(left)), request, cancel);
                    resumes++;
                }
                var took = Duration.ofNanos(nanoTime.getAsLong() - start);
                records.set(i, RunRecord.of(i, task, stream, result, settings.primaryModel(), settings.runDeadline(),
                        took, resumes));
            } catch (RuntimeException bug) {
                // the loop turns every expected failure into a result: this is a bug, counted as a failed run
                LoggerFactory.getLogger(RunDriver.class).error("run {} failed with a bug", request.runId(), bug);
                var took = Duration.ofNanos(nanoTime.getAsLong() - start);
                var overrun = took.minus(settings.runDeadline());
                records.set(i, new RunRecord(i, task, stream, RunOutcome.FAILED, RunStopReason.FAILED,
                        Optional.of("harness_exception_" + bug.getClass().getSimpleName()), took,
                        overrun.isNegative() ? Duration.ZERO : overrun, 0, 0, 0, 0, 0));
            }
        }
    }

    /** With a {@code runsPerSecond} pace, waits until run {@code i}'s start time; false when interrupted. */
    private boolean waitForTurn(int i, long first) {
        if (settings.runsPerSecond() <= 0) {
            return true;
        }
        long due = first + (long) (i * 1e9 / settings.runsPerSecond());
        try {
            sleeper.sleep(Duration.ofNanos(Math.max(0, due - nanoTime.getAsLong())));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for every future up to {@code timeout} in total; false when time ran out first. */
    private boolean awaitAll(List<? extends Future<?>> futures, Duration timeout) {
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        for (var future : futures) {
            try {
                future.get(Math.max(0, deadline - nanoTime.getAsLong()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a chaos worker failed", e.getCause());
            }
        }
        return true;
    }
}
