package dev.mainstay.costcontrol;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The routing rules, in order: the first whose condition a call meets chooses its model; when none does, the call
 * keeps the configured model. Parsed from {@code MAINSTAY_ROUTING}: rules separated by {@code ;}, each
 * {@code CONDITION=MODEL}, where a condition is {@code input_tokens>N}, {@code tool=NAME} or {@code tenant=ID}, e.g.
 * {@code input_tokens>20000=claude-sonnet-4-5;tool=web_search=claude-haiku-4-5;tenant=acme=claude-opus-4-5}.
 * Immutable.
 */
public record RoutingRules(List<RoutingRule> rules) {
    /** The environment variable the rules are read from. */
    public static final String SETTING = "MAINSTAY_ROUTING";

    private static final Pattern INPUT_TOKENS = Pattern.compile("input_tokens>(\\d{1,18})=(.*)");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]*");

    public static final RoutingRules NONE = new RoutingRules(List.of());

    public RoutingRules {
        rules = List.copyOf(rules);
    }

    /** The first rule {@code request} and {@code context} meet, empty when none does. */
    public Optional<RoutingRule> choose(ModelRequest request, CallContext context) {
        for (var rule : rules) {
            if (rule.matches(request, context)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rules from the environment; {@link #NONE} when {@value #SETTING} is unset or blank. */
    public static RoutingRules fromEnv(Map<String, String> env) {
        var text = env.get(SETTING);
        return text == null ? NONE : parse(text);
    }

    /**
     * The rules {@code text} writes; {@link #NONE} for a blank text.
     *
     * @throws InvalidConfigException listing every bad rule, each in one line naming its position and text
     */
    public static RoutingRules parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return NONE;
        }
        var problems = new ArrayList<ConfigProblem>();
        var rules = new ArrayList<RoutingRule>();
        var firstWithCondition = new HashMap<String, Integer>();
        var parts = text.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            var raw = parts[i].trim();
            int position = i + 1;
            if (raw.isEmpty()) {
                if (i == parts.length - 1 && i > 0) {
                    continue; // a trailing ';'
                }
                problems.add(problem(position, raw, "is empty"));
                continue;
            }
            try {
                var rule = rule(raw);
                var earlier = firstWithCondition.putIfAbsent(rule.condition(), position);
                if (earlier != null) {
                    problems.add(problem(position, raw, "repeats the condition of rule " + earlier
                            + " and would never match"));
                    continue;
                }
                rules.add(rule);
            } catch (IllegalArgumentException e) {
                problems.add(problem(position, raw, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new RoutingRules(rules);
    }

    private static RoutingRule rule(String raw) {
        var tokens = INPUT_TOKENS.matcher(raw);
        if (tokens.matches()) {
            return new RoutingRule.InputTokensOver(Long.parseLong(tokens.group(1)), tokens.group(2).trim());
        }
        if (raw.startsWith("input_tokens")) {
            throw new IllegalArgumentException("must be input_tokens>N=MODEL with N a whole number of tokens");
        }
        var fields = raw.split("=", -1);
        var kind = fields[0].trim();
        if (!kind.equals("tool") && !kind.equals("tenant")) {
            throw new IllegalArgumentException("has an unknown condition '" + kind
                    + "': use input_tokens>N=MODEL, tool=NAME=MODEL or tenant=ID=MODEL");
        }
        if (fields.length != 3 || fields[1].isBlank()) {
            throw new IllegalArgumentException("must be " + kind + "=" + (kind.equals("tool") ? "NAME" : "ID")
                    + "=MODEL");
        }
        var subject = fields[1].trim();
        var model = fields[2].trim();
        return kind.equals("tool") ? new RoutingRule.AfterTool(subject, model)
                : new RoutingRule.ForTenant(subject, model);
    }

    static void requireModel(String model) {
        Objects.requireNonNull(model, "model");
        if (model.isEmpty()) {
            throw new IllegalArgumentException("names no model after its condition");
        }
        if (!MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException("names an invalid model id '" + model
                    + "' (letters, digits and . _ : / @ - only)");
        }
    }

    private static ConfigProblem problem(int position, String raw, String why) {
        return ConfigProblem.stated(SETTING, SETTING + " rule " + position + " '" + raw + "' " + why);
    }
}
