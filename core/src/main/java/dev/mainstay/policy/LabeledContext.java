package dev.mainstay.policy;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.Message;
import dev.mainstay.model.Role;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolResultBlock;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.tool.OutputTrust;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every content block of a run's context, each with its {@link Provenance}: the system prompt, the user's task and
 * history, the model's answers and each tool result with its tool's declared trust. Policies ask it whether
 * untrusted content is present and where a value appears.
 *
 * <p>Labelling rules: a user message's text is {@link Provenance#USER}; a tool result takes the trust its tool
 * declares (a tool the agent no longer has is untrusted); a model block is trusted only when no untrusted block
 * came before its message. Value matching ignores case, punctuation and spotlighting's datamarks, on whole words.
 * Immutable and thread-safe.
 */
public final class LabeledContext {
    /** Values shorter than this (after normalising) are too common to say where they came from. */
    public static final int MIN_MATCH_LENGTH = 3;

    private static final LabeledContext EMPTY = new LabeledContext(List.of());

    private final List<LabeledBlock> blocks;
    private final String trustedText;
    private final String untrustedText;
    private final boolean untrusted;

    private LabeledContext(List<LabeledBlock> blocks) {
        this.blocks = List.copyOf(blocks);
        var trusted = new StringBuilder(" ");
        var untrustedSb = new StringBuilder(" ");
        boolean any = false;
        for (var b : this.blocks) {
            if (b.block() instanceof ToolUseBlock) {
                continue; // the model's own calls say nothing about where their values came from
            }
            var text = normalise(b.text());
            (b.provenance().trusted() ? trusted : untrustedSb).append(text).append(" | ");
            any |= !b.provenance().trusted();
        }
        this.trustedText = trusted.toString();
        this.untrustedText = untrustedSb.toString();
        this.untrusted = any;
    }

    public static LabeledContext empty() {
        return EMPTY;
    }

    /**
     * Labels {@code messages} (the run's context as the journal folds it) behind {@code system}.
     *
     * @param trustOf the declared output trust of a tool by name, empty for a tool the agent does not have
     */
    public static LabeledContext of(String system, List<Message> messages,
            Function<String, Optional<OutputTrust>> trustOf) {
        var blocks = new ArrayList<LabeledBlock>();
        if (!system.isBlank()) {
            blocks.add(new LabeledBlock(-1, Role.USER, new TextBlock(system), Provenance.SYSTEM));
        }
        var toolOf = new HashMap<String, String>();
        boolean tainted = false;
        for (int i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            boolean taintedHere = false;
            for (ContentBlock block : message.content()) {
                Provenance provenance;
                if (message.role() == Role.ASSISTANT) {
                    provenance = Provenance.model(tainted);
                    if (block instanceof ToolUseBlock use) {
                        toolOf.put(use.id(), use.name());
                    }
                } else if (block instanceof ToolResultBlock result) {
                    var tool = toolOf.getOrDefault(result.toolUseId(), "unknown");
                    provenance = Provenance.tool(tool, trustOf.apply(tool).orElse(OutputTrust.UNTRUSTED));
                } else {
                    provenance = Provenance.USER;
                }
                taintedHere |= !provenance.trusted();
                blocks.add(new LabeledBlock(i, message.role(), block, provenance));
            }
            tainted |= taintedHere;
        }
        return new LabeledContext(blocks);
    }

    public List<LabeledBlock> blocks() {
        return blocks;
    }

    /** Whether anything untrusted — an untrusted tool's output, or model output written after one — is present. */
    public boolean hasUntrusted() {
        return untrusted;
    }

    /** The untrusted tool results, in order. */
    public List<LabeledBlock> untrustedResults() {
        return blocks.stream().filter(b -> b.block() instanceof ToolResultBlock && !b.provenance().trusted()).toList();
    }

    /** The provenance of each block of message {@code index}, in order. */
    public List<Provenance> provenances(int index) {
        return blocks.stream().filter(b -> b.message() == index).map(LabeledBlock::provenance).toList();
    }

    /** Whether {@code value} appears, as whole words, in trusted content. */
    public boolean inTrusted(String value) {
        return appears(value, trustedText);
    }

    /** Whether {@code value} appears, as whole words, in untrusted content. */
    public boolean inUntrusted(String value) {
        return appears(value, untrustedText);
    }

    /** The rule of controlled arguments: a value found in untrusted content and nowhere trusted. */
    public boolean onlyInUntrusted(String value) {
        return inUntrusted(value) && !inTrusted(value);
    }

    private static boolean appears(String value, String corpus) {
        var needle = normalise(value);
        return needle.length() >= MIN_MATCH_LENGTH && corpus.contains(" " + needle + " ");
    }

    /** Lower case, spotlighting's datamark and every run of non-alphanumerics as one space, trimmed. */
    static String normalise(String text) {
        var lower = text.toLowerCase(Locale.ROOT);
        var out = new StringBuilder(lower.length());
        boolean space = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c) && c != Spotlight.MARK) {
                out.append(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString();
    }
}
