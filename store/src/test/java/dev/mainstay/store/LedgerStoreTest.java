package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.Compaction;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.journal.RunOpened;
import dev.mainstay.journal.StepError;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.store.Ledger.GroupBy;
import dev.mainstay.store.Ledger.UsageQuery;
import dev.mainstay.store.Ledger.UsageRow;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cost ledger: written with the journal's model steps, summed by {@link Ledger#usage}. */
@BothDatabases
class LedgerStoreTest extends StoreTest {
    static final Instant FROM = START.minus(Duration.ofDays(1));
    static final Instant TO = START.plus(Duration.ofDays(30));

    @Test
    void everyBilledAttemptOfAModelStepIsOneEntryAttributedToItsRun() {
        var acme = tenant("acme");
        var conversation = store.conversations().create(acme.id(), "alice", clock.instant());
        accept(newRun(acme.id(), "alice", Optional.of(conversation.id())));
        var claim = claim("w1");
        store.journal().append(claim.fence(), opened(claim.run().id(), "reference"));
        // a stream that broke off after 30 tokens on the primary, then the answer on the fallback
        var broken = attempt("anthropic:claude-sonnet-4-5", "claude-sonnet-4-5",
                new Usage(1_000, 30, 200, 100, 50, 1, 2), "0.01234567");
        var answer = attempt("anthropic:claude-haiku-4-5", "claude-haiku-4-5",
                new Usage(1_000, 400, 0, 0, 300, 0, 0), "0.00300003");
        store.journal().append(claim.fence(), step(1, broken, answer));

        assertThat(database.strings("SELECT tenant_id || '|' || user_id || '|' || run_id || '|' || conversation_id"
                + " || '|' || agent || '|' || step || '|' || attempt || '|' || endpoint || '|' || price_table_version"
                + " FROM cost_entries ORDER BY attempt")).containsExactly(
                acme.id() + "|alice|" + claim.run().id() + "|" + conversation.id()
                        + "|reference|1|1|anthropic:claude-sonnet-4-5|anthropic-2026-12-01",
                acme.id() + "|alice|" + claim.run().id() + "|" + conversation.id()
                        + "|reference|1|2|anthropic:claude-haiku-4-5|anthropic-2026-12-01");
        var byModel = usage(Optional.of(acme.id()), GroupBy.MODEL);
        assertThat(byModel).extracting(UsageRow::key).containsExactly("claude-sonnet-4-5", "claude-haiku-4-5");
        assertThat(byModel.get(0).usage()).isEqualTo(broken.usage());
        assertThat(byModel.get(0).cost()).isEqualTo(broken.cost());
        assertThat(byModel.get(1).usage()).isEqualTo(answer.usage());
        var total = usage(Optional.of(acme.id()), GroupBy.TENANT);
        assertThat(total).singleElement().satisfies(row -> {
            assertThat(row.key()).isEqualTo(acme.id());
            assertThat(row.tenantId()).contains(acme.id());
            assertThat(row.usage()).isEqualTo(broken.usage().plus(answer.usage()));
            assertThat(row.cost().usd()).contains(new BigDecimal("0.01534570"));
            assertThat(row.entries()).isEqualTo(2);
            assertThat(row.runs()).isEqualTo(1);
        });
    }

    @Test
    void aStepAppendedAgainIsChargedOnce() {
        var acme = tenant("acme");
        accept(acme.id(), "alice");
        var claim = claim("w1");
        var step = step(1, attempt("a", "claude-sonnet-4-5", new Usage(10, 20, 0, 0), "0.00033000"));

        store.journal().append(claim.fence(), step);
        store.journal().append(claim.fence(), step);

        assertThat(store.journal().read(claim.run().id())).hasSize(2);
        assertThat(database.count("SELECT COUNT(*) FROM cost_entries")).isEqualTo(1);
        assertThat(usage(Optional.of(acme.id()), GroupBy.MODEL)).singleElement()
                .satisfies(row -> assertThat(row.cost().usd()).contains(new BigDecimal("0.00033000")));
    }

    @Test
    void aFencedOutWorkerWritesNoCost() {
        var acme = tenant("acme");
        accept(acme.id(), "alice");
        var first = claim("w1");
        clock.advance(LEASE.plusMillis(1));
        var second = claim("w2");

        assertThatThrownBy(() -> store.journal().append(first.fence(),
                step(1, attempt("a", "claude-sonnet-4-5", new Usage(10, 20, 0, 0), "0.00033000"))))
                .isInstanceOf(FencedOutException.class);

        assertThat(database.count("SELECT COUNT(*) FROM cost_entries")).isZero();
        assertThat(second.fence().epoch()).isEqualTo(2);
        assertThat(usage(Optional.empty(), GroupBy.TENANT)).isEmpty();
    }

    @Test
    void aStepWithNothingBilledWritesNoEntry() {
        var acme = tenant("acme");
        accept(acme.id(), "alice");
        var claim = claim("w1");

        store.journal().append(claim.fence(), Entries.modelStep(1));
        store.journal().append(claim.fence(), Entries.failedUnpriced(2));

        assertThat(database.count("SELECT COUNT(*) FROM cost_entries")).isZero();
    }

    @Test
    void theBilledAttemptsOfACompactionSummaryAreChargedAsStepZeroAndAgreeWithTheRunsTotal() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var claim = claim("w1");
        // the summary call retried once: a broken stream billed, then the summary
        var broken = attempt("anthropic:claude-haiku-4-5", "claude-haiku-4-5", new Usage(2_000, 12, 0, 0, 0, 0, 0),
                "0.00206000");
        var summary = attempt("anthropic:claude-haiku-4-5", "claude-haiku-4-5", new Usage(2_000, 300, 0, 0, 0, 0, 0),
                "0.00350000");
        var answer = attempt("anthropic:claude-sonnet-4-5", "claude-sonnet-4-5", new Usage(900, 40, 0, 0), "0.00330000");
        store.journal().append(claim.fence(), summarised(run.id(), broken, summary));
        store.journal().append(claim.fence(), step(1, answer));
        var total = broken.cost().plus(summary.cost()).plus(answer.cost());
        store.queue().finish(claim.fence(), new RunEnd(dev.mainstay.run.RunStopReason.COMPLETED, "done",
                Optional.empty(), broken.usage().plus(summary.usage()).plus(answer.usage()), total, clock.instant()));

        assertThat(database.strings("SELECT step || '|' || attempt || '|' || model || '|' || agent || '|' "
                + "|| price_table_version FROM cost_entries ORDER BY step, attempt")).containsExactly(
                "0|1|claude-haiku-4-5|reference|", "0|2|claude-haiku-4-5|reference|",
                "1|1|claude-sonnet-4-5|reference|anthropic-2026-12-01");
        var ledger = store.ledger().total(UsageQuery.of(Optional.of(acme.id()), FROM, TO, GroupBy.TENANT));
        assertThat(ledger.cost()).isEqualTo(total);
        assertThat(ledger.cost().usd()).contains(new BigDecimal("0.00886000"));
        assertThat(ledger.usage()).isEqualTo(broken.usage().plus(summary.usage()).plus(answer.usage()));
        assertThat(ledger.entries()).isEqualTo(3);
        assertThat(ledger.runs()).isEqualTo(1);
        assertThat(store.runs().find(acme.id(), run.id()).orElseThrow().cost()).isEqualTo(ledger.cost());
        assertThat(usage(Optional.of(acme.id()), GroupBy.MODEL)).extracting(UsageRow::key, UsageRow::entries)
                .containsExactlyInAnyOrder(tuple("claude-haiku-4-5", 2L), tuple("claude-sonnet-4-5", 1L));
    }

    @Test
    void anOpeningAppendedAgainChargesItsSummaryOnceAndAFencedOutOneNotAtAll() {
        var acme = tenant("acme");
        var run = accept(acme.id(), "alice");
        var first = claim("w1");
        var summary = attempt("a", "claude-haiku-4-5", new Usage(1_000, 100, 0, 0), "0.00150000");
        var opening = summarised(run.id(), summary);
        store.journal().append(first.fence(), opening);
        store.journal().append(first.fence(), opening);
        assertThat(database.count("SELECT COUNT(*) FROM cost_entries")).isEqualTo(1);

        clock.advance(LEASE.plusMillis(1));
        var second = claim("w2");
        assertThatThrownBy(() -> store.journal().append(first.fence(), summarised(run.id(),
                attempt("a", "claude-haiku-4-5", new Usage(1, 1, 0, 0), "0.00000900"),
                attempt("a", "claude-haiku-4-5", new Usage(1, 1, 0, 0), "0.00000900"))))
                .isInstanceOf(FencedOutException.class);
        assertThat(database.count("SELECT COUNT(*) FROM cost_entries")).isEqualTo(1);
        assertThat(second.fence().epoch()).isEqualTo(2);
    }

    @Test
    void aTruncationOrAnOpeningWithoutCompactionChargesNothing() {
        var acme = tenant("acme");
        var truncated = accept(acme.id(), "alice");
        var claim = claim("w1");
        var o = Entries.opened(truncated.id());
        store.journal().append(claim.fence(), new RunOpened(o.request(), "reference", o.model(), o.limits(),
                o.deadline(), o.at(), Optional.of(Compaction.truncated(0, 2, 5_000, 1_000))));
        store.journal().append(claim.fence(), opened(truncated.id(), "reference"));

        assertThat(database.count("SELECT COUNT(*) FROM cost_entries")).isZero();
    }

    @Test
    void aResponseCacheHitWritesNoEntryAndCountsAsNothingInUsage() {
        var acme = tenant("acme");
        accept(acme.id(), "alice");
        var claim = claim("w1");
        var billedOnce = attempt("a", "claude-sonnet-4-5", new Usage(100, 10, 0, 0), "0.00045000");
        store.journal().append(claim.fence(), step(1, billedOnce));
        var stored = new ModelResponse("msg_1", "claude-sonnet-4-5", List.of(new TextBlock("Paris.")),
                StopReason.END_TURN, billedOnce.usage(), "req_1");
        var hit = new ModelStep(2, "claude-sonnet-4-5", 1, Optional.of(stored), Usage.ZERO, Cost.ZERO, List.of(),
                Entries.AT, Duration.ofMillis(1), Optional.<StepError>empty(), List.of(), "anthropic-2026-12-01", "",
                true);
        store.journal().append(claim.fence(), hit);

        assertThat(database.count("SELECT COUNT(*) FROM cost_entries")).isEqualTo(1);
        var total = store.ledger().total(UsageQuery.of(Optional.of(acme.id()), FROM, TO, GroupBy.TENANT));
        assertThat(total.usage()).isEqualTo(billedOnce.usage());
        assertThat(total.cost()).isEqualTo(billedOnce.cost());
        assertThat(total.entries()).isEqualTo(1);
    }

    @Test
    void usageIsGroupedByTenantUserModelAgentAndDayWithinAHalfOpenRange() {
        var acme = tenant("acme");
        var globex = tenant("globex");
        bill(acme.id(), "alice", "reference", attempt("a", "claude-sonnet-4-5", new Usage(100, 10, 0, 0), "0.00045000"));
        clock.advance(Duration.ofDays(1));
        bill(acme.id(), "bob", "triage", attempt("a", "claude-haiku-4-5", new Usage(200, 20, 0, 0), "0.00030000"),
                attempt("a", "claude-haiku-4-5", new Usage(1, 2, 0, 0), "0.00001100"));
        bill(globex.id(), "alice", "reference", attempt("a", "claude-sonnet-4-5", new Usage(5, 5, 0, 0),
                "0.00009000"));

        assertThat(usage(Optional.empty(), GroupBy.TENANT)).extracting(UsageRow::key, UsageRow::entries,
                UsageRow::runs).containsExactly(tuple(acme.id(), 3L, 2L), tuple(globex.id(), 1L, 1L));
        // users of different tenants with one id stay apart
        assertThat(usage(Optional.empty(), GroupBy.USER)).extracting(UsageRow::key, r -> r.tenantId().orElseThrow())
                .containsExactly(tuple("alice", acme.id()), tuple("bob", acme.id()), tuple("alice", globex.id()));
        assertThat(usage(Optional.of(acme.id()), GroupBy.USER)).extracting(UsageRow::key).containsExactly("alice", "bob");
        assertThat(usage(Optional.of(acme.id()), GroupBy.AGENT)).extracting(UsageRow::key, r -> r.cost().usd()
                .orElseThrow()).containsExactly(tuple("reference", new BigDecimal("0.00045000")),
                tuple("triage", new BigDecimal("0.00031100")));
        assertThat(usage(Optional.empty(), GroupBy.MODEL)).extracting(UsageRow::key, r -> r.usage().inputTokens())
                .containsExactly(tuple("claude-sonnet-4-5", 105L), tuple("claude-haiku-4-5", 201L));
        assertThat(usage(Optional.of(acme.id()), GroupBy.DAY)).extracting(UsageRow::key, UsageRow::entries)
                .containsExactly(tuple("2026-01-01", 1L), tuple("2026-01-02", 2L));
        // [from, to): an entry at `to` is outside, one at `from` inside
        var secondDay = START.plus(Duration.ofDays(1));
        assertThat(store.ledger().usage(UsageQuery.of(Optional.of(acme.id()), START, secondDay, GroupBy.DAY)))
                .extracting(UsageRow::key).containsExactly("2026-01-01");
        assertThat(store.ledger().usage(new UsageQuery(Optional.of(acme.id()), Optional.of("bob"), START, TO,
                GroupBy.MODEL))).extracting(UsageRow::key, UsageRow::entries).containsExactly(
                tuple("claude-haiku-4-5", 2L));
    }

    @Test
    void anUnpricedModelMakesTheSumUnknownButKeepsThePricedPart() {
        var acme = tenant("acme");
        bill(acme.id(), "alice", "reference", attempt("a", "claude-sonnet-4-5", new Usage(100, 10, 0, 0), "0.00045000"),
                new BilledAttempt("b", "my-model", new Usage(7, 7, 0, 0), Cost.unpriced("my-model")));

        var total = usage(Optional.of(acme.id()), GroupBy.TENANT).getFirst();
        assertThat(total.cost().isKnown()).isFalse();
        assertThat(total.cost().unpricedModels()).containsExactly("my-model");
        assertThat(total.cost().pricedUsd()).isEqualByComparingTo("0.00045");
        assertThat(total.usage().inputTokens()).isEqualTo(107);
        var byModel = usage(Optional.of(acme.id()), GroupBy.MODEL);
        assertThat(byModel).extracting(UsageRow::key, r -> r.cost().isKnown())
                .containsExactly(tuple("claude-sonnet-4-5", true), tuple("my-model", false));
    }

    @Test
    void aTenantsUsageHoldsNothingOfAnothers() {
        var acme = tenant("acme");
        var globex = tenant("globex");
        bill(globex.id(), "alice", "reference", attempt("a", "claude-sonnet-4-5", new Usage(5, 5, 0, 0),
                "0.00009000"));

        assertThat(usage(Optional.of(acme.id()), GroupBy.MODEL)).isEmpty();
        assertThat(usage(Optional.of(globex.id()), GroupBy.MODEL)).hasSize(1);
    }

    @Test
    void sumsOfManySmallCostsStayExact() {
        var acme = tenant("acme");
        accept(acme.id(), "alice");
        var claim = claim("w1");
        for (int i = 1; i <= 300; i++) {
            store.journal().append(claim.fence(), step(i, attempt("a", "claude-haiku-5-5", Usage.ZERO
                    .withCacheWrites(1, 0), "0.00000013")));
        }

        assertThat(usage(Optional.of(acme.id()), GroupBy.MODEL).getFirst().cost().usd())
                .contains(new BigDecimal("0.00003900"));
    }

    @Test
    void theGuidesReconciliationQueryFindsOnlyARunWhoseTotalDisagreesWithItsLedger() {
        var acme = tenant("acme");
        // completed("done") finishes a run with a total of $0.01234567
        var agrees = bill(acme.id(), "alice", "reference", attempt("a", "claude-sonnet-4-5", new Usage(1, 1, 0, 0),
                "0.01234567"));
        var disagrees = bill(acme.id(), "alice", "reference", attempt("a", "claude-sonnet-4-5", new Usage(1, 1, 0, 0),
                "0.00000001"));

        assertThat(database.strings("""
                SELECT r.id FROM runs r LEFT JOIN cost_entries c ON c.run_id = r.id
                WHERE r.finished_at >= ? AND r.cost_unpriced IS NULL
                GROUP BY r.id, r.cost_usd_e8 HAVING r.cost_usd_e8 <> COALESCE(SUM(c.cost_usd_e8), 0)""", 0L))
                .containsExactly(disagrees).doesNotContain(agrees);
    }

    @Test
    void manyStepsOfOneRunAreEachChargedOnceAndSumExactly() {
        var acme = tenant("acme");
        accept(acme.id(), "alice");
        var claim = claim("w1");
        int n = 50;
        for (int i = 1; i <= n; i++) {
            store.journal().append(claim.fence(), step(i, attempt("a", "claude-sonnet-4-5", new Usage(100, 20, 0, 0),
                    "0.00060000")));
        }
        var total = store.ledger().total(UsageQuery.of(Optional.of(acme.id()), FROM, TO, GroupBy.MODEL));
        assertThat(total.entries()).isEqualTo(n);
    }

    @Test
    void aQueryWithAnEmptyRangeOrAUserWithoutATenantIsRefused() {
        assertThatThrownBy(() -> UsageQuery.of(Optional.empty(), START, START, GroupBy.DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from must be before to");
        assertThatThrownBy(() -> new UsageQuery(Optional.empty(), Optional.of("alice"), START, TO, GroupBy.DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant");
        assertThatThrownBy(() -> GroupBy.fromWire("week")).hasMessageContaining("tenant, user, model, agent, day");
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.api.Assertions.tuple(values);
    }

    private static List<UsageRow> usage(Optional<String> tenantId, GroupBy groupBy) {
        return store.ledger().usage(UsageQuery.of(tenantId, FROM, TO, groupBy));
    }

    /** A run of the user, opened with {@code agent}, whose one step billed {@code attempts}; finished. */
    private static String bill(String tenantId, String userId, String agent, BilledAttempt... attempts) {
        var run = accept(tenantId, userId);
        var claim = claim("w1");
        assertThat(claim.run().id()).isEqualTo(run.id());
        store.journal().append(claim.fence(), opened(run.id(), agent));
        store.journal().append(claim.fence(), step(1, attempts));
        store.queue().finish(claim.fence(), QueueStoreTest.completed("done"));
        return run.id();
    }

    static BilledAttempt attempt(String endpoint, String model, Usage usage, String usd) {
        return new BilledAttempt(endpoint, model, usage, Cost.usd(new BigDecimal(usd)));
    }

    static RunOpened opened(String runId, String agent) {
        var o = Entries.opened(runId);
        return new RunOpened(o.request(), agent, o.model(), o.limits(), o.deadline(), o.at());
    }

    /** The opening of a run whose history was summarised by a call that billed {@code billed}. */
    static RunOpened summarised(String runId, BilledAttempt... billed) {
        var o = opened(runId, "reference");
        var usage = Usage.ZERO;
        var cost = Cost.ZERO;
        for (var b : billed) {
            usage = usage.plus(b.usage());
            cost = cost.plus(b.cost());
        }
        var replacement = List.of(dev.mainstay.model.Message.user("Summary of the earlier conversation: hello."),
                dev.mainstay.model.Message.assistant(List.of(new TextBlock("Understood."))));
        var compaction = new Compaction(Compaction.Policy.SUMMARISE, 0, 4, replacement, 9_000, 1_200,
                "claude-haiku-4-5", usage, cost, List.of(billed));
        return new RunOpened(o.request(), o.agent(), o.model(), o.limits(), o.deadline(), o.at(),
                Optional.of(compaction));
    }

    static ModelStep step(int step, BilledAttempt... billed) {
        var usage = Usage.ZERO;
        var cost = Cost.ZERO;
        for (var b : billed) {
            usage = usage.plus(b.usage());
            cost = cost.plus(b.cost());
        }
        var model = billed[billed.length - 1].model();
        var response = new ModelResponse("msg_" + step, model, List.of(new TextBlock("Done.")), StopReason.END_TURN,
                billed[billed.length - 1].usage(), "req_" + step);
        return new ModelStep(step, model, 1, Optional.of(response), usage, cost, List.of(), Entries.AT,
                Duration.ofMillis(10), Optional.<StepError>empty(), List.of(billed), "anthropic-2026-12-01", "");
    }
}
