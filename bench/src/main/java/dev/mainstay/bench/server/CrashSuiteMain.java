package dev.mainstay.bench.server;

import dev.mainstay.bench.harness.Args;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;

/**
 * The crash suite of issue 12: two nodes of the service on one database, runs that call the calculator and
 * {@code save_note} kept in flight with the simulator holding every model call, one node killed about every
 * {@code --kill-every} (0.7 to 1.3 times it; which node, and when, at random from a fixed seed) and restarted, one node paused past its lease and resumed, and event streams followed
 * through both nodes with random disconnects and {@code Last-Event-ID} resumes. At the end it counts, in the
 * database: accepted runs that did not succeed (lost), {@code save_note} executions per note (duplicates), side
 * effects resolved {@code reconciled} / {@code unknown}, and streams that missed or repeated an event; and, from
 * polling the runs table, the time from a node's death to each of its runs being claimed elsewhere.
 *
 * <p>Two variants. By default the nodes are two {@code mainstay serve} processes ({@link ServeNode}), on PostgreSQL
 * or on one SQLite file: SIGKILL kills, SIGSTOP pauses. With {@code --in-process} (SQLite only) they are two nodes
 * in this process on one store ({@link InProcessNode}): a kill cuts a node off from the store and from its clients,
 * a pause holds its every store call — an emulation of a crash inside one process, not a SIGKILL.
 *
 * <pre>
 *   bench/run-crash-suite.sh [--db postgres|sqlite] [--in-process] [--runs 2000] [--in-flight 1000]
 *       [--kill-every 10s] [--latency 1s..2s] [--followers 200] [--workers 800] [--no-pause]
 * </pre>
 *
 * Exit status 1 when a target is missed: 0 lost, 0 duplicate, every stream complete, recovery p99 ≤ 15 s.
 */
public final class CrashSuiteMain {
    static final Duration RECOVERY_TARGET = Duration.ofSeconds(15);
    static final Duration BOUND = Duration.ofMinutes(20);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    record Settings(String db, boolean inProcess, int runs, int inFlight, Duration killEvery, String latency,
            int followers, int workers, boolean pause, Path root, Path out) {
        /** The variant's name in file and report: {@code postgres}, {@code sqlite}, {@code sqlite-in-process}. */
        String variant() {
            return inProcess ? db + "-in-process" : db;
        }
    }

    private CrashSuiteMain() {}

    public static void main(String[] argv) throws Exception {
        var args = Args.parse(argv);
        var root = Path.of(args.string("root", System.getProperty("mainstay.root", "."))).toAbsolutePath().normalize();
        var settings = new Settings(args.string("db", "postgres"), args.flag("in-process"),
                args.integer("runs", 2000), args.integer("in-flight", 1000), duration(args.string("kill-every", "10s")),
                args.string("latency", "1s..2s"), args.integer("followers", 200), args.integer("workers", 800),
                !args.flag("no-pause"), root, root.resolve("bench/target/server"));
        args.rejectUnknown();
        if (!settings.db().equals("postgres") && !settings.db().equals("sqlite")) {
            throw new IllegalArgumentException("--db must be postgres or sqlite, not " + settings.db());
        }
        if (settings.inProcess() && !settings.db().equals("sqlite")) {
            // two processes are how PostgreSQL is deployed and tested; one process on one file is SQLite's case
            throw new IllegalArgumentException("--in-process runs on SQLite only: add --db sqlite");
        }
        System.exit(new CrashSuiteMain().run(settings) ? 0 : 1);
    }

    private boolean run(Settings s) throws Exception {
        var stamp = Long.toString(System.currentTimeMillis(), 36);
        var logs = Files.createDirectories(s.out().resolve("crash-" + s.variant() + "-" + stamp));
        var database = s.db().equals("postgres") ? CrashDatabase.postgres("crash_" + stamp)
                : CrashDatabase.sqlite(logs.resolve("crash.db"));
        try {
            return run(s, logs, database);
        } finally {
            database.drop();
        }
    }

    private boolean run(Settings s, Path logs, CrashDatabase db) throws Exception {
        var admin = Map.of("MAINSTAY_DB_URL", db.url());
        cli(s.root(), admin, "tenant", "create", "crash");
        cli(s.root(), admin, "tenant", "limits", "crash", "--max-concurrent-runs", "100000", "--max-queued-runs",
                "100000", "--requests-per-second", "100000", "--burst", "100000");
        var keyOutput = cli(s.root(), admin, "key", "create", "--tenant", "crash", "--user", "ops");
        var secret = keyOutput.strip().lines().reduce((a, b) -> b).orElseThrow().strip();
        var env = new HashMap<String, String>(admin);
        env.put("MAINSTAY_SIM_LATENCY", s.latency());
        env.put("MAINSTAY_WORKERS", Integer.toString(s.workers()));
        env.put("MAINSTAY_DB_POOL_SIZE", "16");
        env.put("MAINSTAY_SHUTDOWN_GRACE", "5s");

        if (s.inProcess()) {
            try (var host = InProcessNode.Host.open(env, logs)) {
                return withNodes(s, logs, db, secret, host);
            }
        }
        return withNodes(s, logs, db, secret, (name, generation) -> ServeNode.start(s.root(), logs, name,
                generation, env).awaitListening(Duration.ofMinutes(2)));
    }

    private boolean withNodes(Settings s, Path logs, CrashDatabase db, String secret, Node.Launcher launcher)
            throws Exception {
        var names = List.of("node-a", "node-b");
        var nodes = new AtomicReferenceArray<Node>(2);
        try {
            for (int i = 0; i < 2; i++) {
                nodes.set(i, launcher.start(names.get(i), 0));
            }
            return chaos(s, logs, db, secret, names, launcher, nodes);
        } finally {
            // whatever happened, no node outlives the suite
            for (int i = 0; i < 2; i++) {
                var node = nodes.get(i);
                if (node != null && node.alive()) {
                    node.kill();
                }
            }
        }
    }

    private boolean chaos(Settings s, Path logs, CrashDatabase db, String secret, List<String> names,
            Node.Launcher launcher, AtomicReferenceArray<Node> nodes) throws Exception {
        var generations = new int[2];
        var live = new java.util.function.Supplier<URI>() {
            private final AtomicInteger turn = new AtomicInteger();

            @Override
            public URI get() {
                for (int k = 0; k < 4; k++) {
                    var node = nodes.get(Math.floorMod(turn.getAndIncrement(), 2));
                    if (node.alive() && node.url() != null) {
                        return node.url();
                    }
                }
                return nodes.get(0).url();
            }
        };
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        var threads = Executors.newVirtualThreadPerTaskExecutor();
        var watchdog = Executors.newScheduledThreadPool(1);
        var random = new Random(7);
        var accepted = Collections.synchronizedList(new ArrayList<String>());
        var postRetries = new AtomicInteger();
        var finished = new AtomicInteger();
        var started = Instant.now();

        // the recovery clock: per killed or paused node, when it stopped and the runs it held then
        var recovery = Recovery.empty();
        var incidents = new CopyOnWriteArrayList<String>();

        var burst = burst(http, nodes, secret, db, threads);

        var submitter = threads.submit(() -> {
            for (int i = 0; i < s.runs(); i++) {
                while (accepted.size() - finished.get() >= s.inFlight()) {
                    TimeUnit.MILLISECONDS.sleep(20); // a load generator's pacing, not a test's wait
                }
                accepted.add(submit(http, live, secret, i, postRetries));
            }
            return null;
        });
        var monitor = threads.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                finished.set(db.finished());
                TimeUnit.MILLISECONDS.sleep(250);
            }
            return null;
        });

        // followers: a sample of runs, each followed to its end through both nodes with random disconnects
        var follower = new SseFollower(http, secret, live, random, watchdog, 4, Duration.ofSeconds(3));
        var streams = new ArrayList<Future<SseFollower.Outcome>>();
        var followed = ConcurrentHashMap.<String>newKeySet();

        // incidents come at random, about every --kill-every (0.7 to 1.3 times it), in a sequence fixed by its seed
        var cadence = new Random(12); // a seed whose first incidents hit both nodes (11 drew the same node five times)
        long nextKill = System.nanoTime() + jittered(s.killEvery(), cadence);
        boolean paused = !s.pause();
        int kills = 0;
        int victim = cadence.nextInt(2);
        while (!(submitter.isDone() && finished.get() >= accepted.size())
                && Duration.between(started, Instant.now()).compareTo(BOUND) < 0) {
            synchronized (accepted) {
                for (int i = 0; i < accepted.size() && streams.size() < s.followers(); i += 7) {
                    var id = accepted.get(i);
                    if (followed.add(id)) {
                        streams.add(threads.submit(() -> follower.follow(id, BOUND)));
                    }
                }
            }
            if (System.nanoTime() >= nextKill && finished.get() < accepted.size()) {
                var node = nodes.get(victim);
                var held = db.heldBy(node.worker());
                if (!paused && kills == 1) {
                    // once: a pause past the lease (5 s) — its runs move, and its late writes must be fenced out
                    var at = System.nanoTime();
                    node.pause();
                    incidents.add((s.inProcess() ? "pause " : "SIGSTOP ") + node.name() + " (" + node.worker()
                            + ", " + held.size() + " runs held) for 8 s");
                    watch(db, node.worker(), held, at, recovery, threads);
                    TimeUnit.SECONDS.sleep(8);
                    node.resume();
                    paused = true;
                } else {
                    var at = System.nanoTime();
                    node.kill();
                    incidents.add((s.inProcess() ? "kill " : "SIGKILL ") + node.name() + " (" + node.worker()
                            + ", " + held.size() + " runs held)");
                    watch(db, node.worker(), held, at, recovery, threads);
                    nodes.set(victim, launcher.start(names.get(victim), ++generations[victim]));
                    kills++;
                }
                victim = cadence.nextInt(2); // either node, at random: the same one may die twice running
                nextKill = System.nanoTime() + jittered(s.killEvery(), cadence);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        var elapsed = Duration.between(started, Instant.now());
        submitter.get(1, TimeUnit.MINUTES);
        var outcomes = new ArrayList<SseFollower.Outcome>();
        for (var stream : streams) {
            outcomes.add(stream.get(BOUND.toMinutes(), TimeUnit.MINUTES));
        }
        monitor.cancel(true);
        var counts = db.counts(accepted);
        for (int i = 0; i < 2; i++) {
            nodes.get(i).terminate(Duration.ofSeconds(30));
        }
        watchdog.shutdownNow();
        threads.shutdownNow();

        var report = Report.of(s, burst, elapsed, accepted.size(), postRetries.get(), incidents, recovery, counts,
                outcomes, logs);
        System.out.print(report.markdown());
        Files.writeString(logs.resolve("report.md"), report.markdown());
        Files.writeString(s.out().resolve("crash-suite-" + s.variant() + ".md"), report.markdown());
        return report.targetsMet();
    }

    /** What 1,000 concurrent POSTs with one Idempotency-Key, spread over both nodes, did. */
    record Burst(int posts, Map<Integer, Integer> statuses, int distinctIds, int runsCreated, int changedBody) {}

    private static Burst burst(HttpClient http, AtomicReferenceArray<Node> nodes, String secret,
            CrashDatabase db, java.util.concurrent.ExecutorService threads) throws Exception {
        int posts = 1000;
        var input = "What is 11 times 11? (idempotency burst)";
        var statuses = new ConcurrentHashMap<Integer, Integer>();
        var ids = ConcurrentHashMap.<String>newKeySet();
        var futures = new ArrayList<Future<?>>();
        for (int i = 0; i < posts; i++) {
            var node = nodes.get(i % 2).url();
            futures.add(threads.submit(() -> {
                HttpResponse<String> response;
                try {
                    response = post(http, node, secret, "burst", "{\"input\": \"" + input + "\"}");
                } catch (IOException e) {
                    statuses.merge(-1, 1, Integer::sum); // no answer: counted, shown as -1
                    return null;
                }
                statuses.merge(response.statusCode(), 1, Integer::sum);
                var m = Pattern.compile("\"id\"\\s*:\\s*\"(run_[^\"]+)\"").matcher(response.body());
                if ((response.statusCode() == 202 || response.statusCode() == 200) && m.find()) {
                    ids.add(m.group(1));
                }
                return null;
            }));
        }
        for (var f : futures) {
            f.get(2, TimeUnit.MINUTES);
        }
        var changed = post(http, nodes.get(0).url(), secret, "burst", "{\"input\": \"something else\"}");
        return new Burst(posts, new java.util.TreeMap<>(statuses), ids.size(), db.runsWithInput(input),
                changed.statusCode());
    }

    private static HttpResponse<String> post(HttpClient http, URI node, String secret, String key, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(node.resolve("/v1/runs")).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls, in the background, until every run {@code worker} held is claimed by another worker or has ended. */
    private static void watch(CrashDatabase db, String worker, List<String> held, long stoppedAt,
            Recovery recovery, java.util.concurrent.ExecutorService threads) {
        threads.submit(() -> {
            var unclaimed = new ArrayList<>(held);
            // where each run's journal stood when its worker stopped: resumed means another node wrote past it
            var unresumed = new java.util.HashMap<>(db.journalEnds(held));
            long bound = stoppedAt + Duration.ofMinutes(2).toNanos();
            while ((!unclaimed.isEmpty() || !unresumed.isEmpty()) && System.nanoTime() < bound) {
                var moved = unclaimed.isEmpty() ? List.<String>of() : db.movedFrom(worker, unclaimed);
                var resumed = unresumed.isEmpty() ? List.<String>of() : db.resumedElsewhere(worker, unresumed);
                long now = System.nanoTime();
                moved.forEach(id -> recovery.claims().add(TimeUnit.NANOSECONDS.toMillis(now - stoppedAt)));
                resumed.forEach(id -> recovery.resumes().add(TimeUnit.NANOSECONDS.toMillis(now - stoppedAt)));
                unclaimed.removeAll(moved);
                resumed.forEach(unresumed::remove);
                TimeUnit.MILLISECONDS.sleep(100);
            }
            recovery.unclaimed().addAndGet(unclaimed.size());
            recovery.unresumed().addAndGet(unresumed.size());
            return null;
        });
    }

    /** What the watchers saw: per run of a stopped node, the time to its claim elsewhere and to its resumption. */
    record Recovery(List<Long> claims, List<Long> resumes, AtomicInteger unclaimed, AtomicInteger unresumed) {
        static Recovery empty() {
            return new Recovery(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new AtomicInteger(),
                    new AtomicInteger());
        }
    }

    /** POST /v1/runs with an Idempotency-Key, retried on the other node when a node dies under it. */
    private static String submit(HttpClient http, java.util.function.Supplier<URI> live, String secret, int i,
            AtomicInteger retries) throws InterruptedException {
        var body = "{\"input\": \"What is 17 * " + (i + 3) + "? Save a note titled \\\"crash " + i
                + "\\\" with the answer.\"}";
        var key = "crash-suite-" + i;
        IOException last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                var response = http.send(HttpRequest.newBuilder(live.get().resolve("/v1/runs"))
                        .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    var m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                if (response.statusCode() != 409 && response.statusCode() != 429 && response.statusCode() < 500) {
                    throw new IllegalStateException("POST /v1/runs answered " + response.statusCode() + ": "
                            + response.body());
                }
            } catch (IOException e) {
                last = e;
            }
            retries.incrementAndGet();
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("run " + i + " was not accepted after 60 attempts", last);
    }

    private static String cli(Path root, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(root.resolve("mainstay").toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("MAINSTAY_"));
        builder.environment().putAll(env);
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("mainstay " + String.join(" ", args) + " failed:\n" + output);
        }
        return output;
    }

    static Duration duration(String text) {
        var m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration like 10s or 500ms: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** {@code every}, 0.7 to 1.3 times, in nanoseconds: the wait before the next incident. */
    static long jittered(Duration every, Random random) {
        return (long) (every.toNanos() * (0.7 + 0.6 * random.nextDouble()));
    }
}
