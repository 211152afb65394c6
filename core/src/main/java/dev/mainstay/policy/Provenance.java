package dev.mainstay.policy;

import dev.mainstay.tool.OutputTrust;
import java.util.Objects;

/**
 * Where one content block of a run's context came from, and whether it can be trusted. Derived, never stored on
 * the block: {@link LabeledContext#of} labels the messages the run's journal folds into, so a resumed run carries
 * exactly the labels the live run had.
 *
 * @param tool the tool that produced the block, empty unless {@code origin} is {@link Origin#TOOL}
 * @param trust {@link OutputTrust#UNTRUSTED} for an untrusted tool's output and for model output written while
 *     untrusted content was in the context (the model may be repeating it)
 */
public record Provenance(Origin origin, String tool, OutputTrust trust) {
    public static final Provenance SYSTEM = new Provenance(Origin.SYSTEM, "", OutputTrust.TRUSTED);
    public static final Provenance USER = new Provenance(Origin.USER, "", OutputTrust.TRUSTED);

    public Provenance {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(trust, "trust");
        if (origin == Origin.TOOL == tool.isEmpty()) {
            throw new IllegalArgumentException("a tool provenance names its tool, and only it does");
        }
    }

    /** Model output; {@code tainted} when untrusted content was in the context it was written from. */
    public static Provenance model(boolean tainted) {
        return new Provenance(Origin.MODEL, "", tainted ? OutputTrust.UNTRUSTED : OutputTrust.TRUSTED);
    }

    public static Provenance tool(String name, OutputTrust trust) {
        return new Provenance(Origin.TOOL, name, trust);
    }

    public boolean trusted() {
        return trust == OutputTrust.TRUSTED;
    }

    /** E.g. {@code user}, {@code model}, {@code model(untrusted)}, {@code tool:web_search(untrusted)}. */
    public String label() {
        var base = origin == Origin.TOOL ? "tool:" + tool : origin.wire();
        return trusted() ? base : base + "(untrusted)";
    }
}
