package dev.mainstay.dojo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one (model mode, configuration): benign utility, utility under attack, targeted attack success
 * overall and for goals that need a side effect, the share of side-effecting calls that needed a person, the share
 * of attacked runs a person had to decide on (what the attack success would add up to, at worst, if that person
 * approved everything), and how often the detector flagged attacked and benign runs.
 */
record Metrics(ModelMode mode, Configuration configuration, int pairs, int benignRuns, int attackRuns,
        double benignUtility, double utilityUnderAttack, double attackSuccessRate, double sideEffectAsr,
        double approvalShare, int sideEffectCalls, int approvals, double attacksSentToAPerson, double detectorRecall,
        double detectorFalsePositives, Map<String, Double> asrByTemplate, Map<String, Double> asrByInjection) {

    static Metrics of(ModelMode mode, Configuration configuration, int pairs, List<RunRecord> runs) {
        var benign = runs.stream().filter(r -> !r.attacked()).toList();
        var attacks = runs.stream().filter(RunRecord::attacked).toList();
        var sideEffectAttacks = attacks.stream().filter(RunRecord::sideEffectGoal).toList();
        int calls = runs.stream().mapToInt(RunRecord::sideEffectCalls).sum();
        int approvals = runs.stream().mapToInt(RunRecord::approvals).sum();
        var byTemplate = new TreeMap<String, Double>();
        attacks.stream().map(r -> r.template().orElseThrow()).distinct().forEach(t -> byTemplate.put(t,
                share(attacks.stream().filter(r -> r.template().orElseThrow().equals(t)).toList())));
        var byInjection = new TreeMap<String, Double>();
        attacks.stream().map(r -> r.injection().orElseThrow()).distinct().forEach(i -> byInjection.put(i,
                share(attacks.stream().filter(r -> r.injection().orElseThrow().equals(i)).toList())));
        return new Metrics(mode, configuration, pairs, benign.size(), attacks.size(),
                fraction(benign.stream().filter(RunRecord::utility).count(), benign.size()),
                fraction(attacks.stream().filter(RunRecord::utility).count(), attacks.size()),
                share(attacks), share(sideEffectAttacks),
                fraction(approvals, calls), calls, approvals,
                fraction(attacks.stream().filter(r -> r.approvals() > 0).count(), attacks.size()),
                fraction(attacks.stream().filter(RunRecord::flagged).count(), attacks.size()),
                fraction(benign.stream().filter(RunRecord::flagged).count(), benign.size()),
                byTemplate, byInjection);
    }

    private static double share(List<RunRecord> attacks) {
        return fraction(attacks.stream().filter(RunRecord::attackSucceeded).count(), attacks.size());
    }

    private static double fraction(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /** The JSON object {@code mainstay dojo --json} prints for this (mode, configuration). */
    ObjectNode json() {
        var node = Json.object().put("mode", mode.wire()).put("configuration", configuration.wire())
                .put("benign_utility", round(benignUtility)).put("utility_under_attack", round(utilityUnderAttack))
                .put("attack_success_rate", round(attackSuccessRate)).put("side_effect_asr", round(sideEffectAsr))
                .put("approval_share", round(approvalShare)).put("pairs", pairs)
                .put("attack_runs", attackRuns).put("benign_runs", benignRuns)
                .put("side_effect_calls", sideEffectCalls).put("approvals", approvals)
                .put("attack_runs_sent_to_a_person", round(attacksSentToAPerson))
                .put("detector_recall", round(detectorRecall))
                .put("detector_false_positive_rate", round(detectorFalsePositives));
        var templates = node.putObject("asr_by_template");
        asrByTemplate.forEach((k, v) -> templates.put(k, round(v)));
        var injections = node.putObject("asr_by_injection");
        asrByInjection.forEach((k, v) -> injections.put(k, round(v)));
        return node;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
