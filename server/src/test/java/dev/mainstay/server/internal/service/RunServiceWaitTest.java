package dev.mainstay.server.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.Cost;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.server.testing.Databases;
import dev.mainstay.store.Admission;
import dev.mainstay.store.OnBusy;
import dev.mainstay.store.Principal;
import dev.mainstay.store.RunEnd;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.RunStatus;
import dev.mainstay.store.Runs;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreException;
import dev.mainstay.store.StoredResponse;
import dev.mainstay.store.Stores;
import dev.mainstay.time.IdGenerator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request that waits for its run ({@code POST /v1/runs} with {@code wait}) after the run was accepted: a read of the
 * run that fails is not the request's failure. On the real SQLite store, its reads of the run made to fail.
 */
class RunServiceWaitTest {
    @TempDir
    Path dir;

    private final InstantSource clock = InstantSource.system();
    private final AtomicBoolean readsFail = new AtomicBoolean();
    private final AtomicInteger failedReads = new AtomicInteger();
    private Store real;
    private RunService runs;
    private Principal caller;

    @BeforeEach
    void open() {
        real = Stores.open(Databases.sqlite(dir), clock);
        var tenant = real.tenants().create("acme", clock.instant()).id();
        caller = new Principal("key_1", tenant, "ada", Principal.Role.ADMIN);
        runs = new RunService(failingReads(real), IdGenerator.random(), clock, new RunSignals(), LocalRuns.NONE,
                Duration.ofMillis(50));
    }

    @AfterEach
    void close() throws Exception {
        real.close();
    }

    @Test
    void aWaitWhoseReadsFailGoesOnAndReturnsTheRunOnceItCanBeReadFinished() throws Exception {
        var run = accepted();
        readsFail.set(true);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var waited = CompletableFuture.supplyAsync(() -> await(run, Duration.ofSeconds(60)), threads);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> failedReads.get() >= 2);

            finish(run);
            readsFail.set(false);

            var now = waited.get(30, TimeUnit.SECONDS);
            assertThat(now.status()).isEqualTo(RunStatus.SUCCEEDED);
        }
    }

    @Test
    void aWaitWhoseReadsAllFailEndsWithTheRunAsLastKnownInsteadOfFailing() {
        var run = accepted();
        readsFail.set(true);

        var now = await(run, Duration.ofMillis(300));

        assertThat(now.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(failedReads).hasPositiveValue();
    }

    private RunRecord accepted() {
        var submission = new RunService.Submission("What is 2 plus 2?", Optional.empty(), RunLimits.DEFAULTS,
                OnBusy.ENQUEUE, Optional.empty());
        var admission = runs.submit(caller, submission, Optional.empty(),
                run -> new StoredResponse(202, "application/json", "{}"));
        return ((Admission.Accepted) admission).run();
    }

    private void finish(RunRecord run) {
        var claim = real.queue().claim("node-1", clock.instant(), Duration.ofSeconds(30)).orElseThrow();
        assertThat(claim.run().id()).isEqualTo(run.id());
        real.queue().finish(claim.fence(), new RunEnd(RunStopReason.COMPLETED, "4", Optional.empty(), Usage.ZERO,
                Cost.ZERO, clock.instant()));
    }

    private RunRecord await(RunRecord run, Duration max) {
        try {
            return runs.awaitFinished(run, max);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code store}, but {@code runs().find} fails as an overloaded database does while {@link #readsFail}. */
    private Store failingReads(Store store) {
        var runsPart = (Runs) Proxy.newProxyInstance(Runs.class.getClassLoader(), new Class<?>[] {Runs.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("find") && readsFail.get()) {
                        failedReads.incrementAndGet();
                        throw new StoreException("the store could not find run: connection is not available");
                    }
                    return invoke(method, store.runs(), args);
                });
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> method.getName().equals("runs") ? runsPart : invoke(method, store, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
