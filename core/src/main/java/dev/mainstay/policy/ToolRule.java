package dev.mainstay.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an agent's policy says about one tool, beyond what the tool declares. Immutable; derive with the
 * {@code with…} methods.
 *
 * @param unplanned what an unplanned call of this side-effecting tool gets once untrusted content is in the context;
 *     empty for the agent's default
 * @param grounded controlled arguments that must appear in trusted content (stricter than "not only in untrusted
 *     content"): for destinations no model should invent, such as a message's recipient
 * @param cue the words in a user's task that plan a call of this tool (each match plans one call); empty to use the
 *     tool's name (every word of {@code send_message} in one sentence)
 * @param alwaysApprove every call needs approval, trusted context or not
 * @param denied no call may run
 */
public record ToolRule(String tool, Optional<AgentPolicy.Unplanned> unplanned, Set<String> grounded,
        Optional<Pattern> cue, boolean alwaysApprove, boolean denied) {
    public ToolRule {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(unplanned, "unplanned");
        grounded = Set.copyOf(grounded);
        Objects.requireNonNull(cue, "cue");
        if (alwaysApprove && denied) {
            throw new IllegalArgumentException("tool " + tool + " cannot be both always approved and denied");
        }
    }

    /** A rule that changes nothing: the tool's declarations and the agent's defaults apply. */
    public static ToolRule of(String tool) {
        return new ToolRule(tool, Optional.empty(), Set.of(), Optional.empty(), false, false);
    }

    public ToolRule withUnplanned(AgentPolicy.Unplanned value) {
        return new ToolRule(tool, Optional.of(value), grounded, cue, alwaysApprove, denied);
    }

    public ToolRule withGrounded(String... arguments) {
        return new ToolRule(tool, unplanned, Set.of(arguments), cue, alwaysApprove, denied);
    }

    /** Plans a call for each match of {@code regex} (case-insensitive) in the user's task. */
    public ToolRule withCue(String regex) {
        return new ToolRule(tool, unplanned, grounded, Optional.of(Pattern.compile(regex,
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)), alwaysApprove, denied);
    }

    public ToolRule withAlwaysApprove() {
        return new ToolRule(tool, unplanned, grounded, cue, true, false);
    }

    public ToolRule withDenied() {
        return new ToolRule(tool, unplanned, grounded, cue, false, true);
    }
}
