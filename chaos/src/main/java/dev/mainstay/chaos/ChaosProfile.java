package dev.mainstay.chaos;

import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.WorldFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What goes wrong during a chaos run, and what the run must still achieve. Immutable; validated when built.
 *
 * @param name a short name, {@code [a-z0-9-]{1,40}}
 * @param description one line for the report
 * @param modelFaults the simulator's fault profile for {@code POST /v1/messages} for the whole run, latency included
 *     (its own {@code models} scope is ignored: {@code scope} decides)
 * @param scope which models {@code modelFaults} apply to
 * @param worldFaults failures of the weather and search backends the tools call
 * @param outage a fault window during which the endpoints it targets get {@link Outage#faults()} instead
 * @param targets what a run of this profile must achieve; checked and printed with the results
 * @param defaults how the profile is run unless flags say otherwise (runs, rate, deadline, non-production tuning)
 */
public record ChaosProfile(
        String name, String description, FaultProfile modelFaults, Scope scope, WorldFaults worldFaults,
        Optional<Outage> outage, ChaosTargets targets, ProfileDefaults defaults) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");

    /** Which models the steady {@link #modelFaults()} apply to. */
    public enum Scope {
        /** Every model: a provider-wide problem, the fallback suffers it too. */
        ALL_MODELS("all"),
        /** Only the primary model: its own capacity pool is in trouble, the fallback's is not. */
        PRIMARY("primary");

        private final String wire;

        Scope(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** @throws IllegalArgumentException naming the accepted values */
        public static Scope parse(String value) {
            for (var scope : values()) {
                if (scope.wire.equals(value)) {
                    return scope;
                }
            }
            throw new IllegalArgumentException("scope must be 'all' or 'primary', but was '" + value + "'");
        }
    }

    /** Which endpoints a fault window hits. */
    public enum Target {
        /** The primary model only: its own capacity pool is in trouble. */
        PRIMARY("primary"),
        /** The fallback model only. */
        FALLBACK("fallback"),
        /** Every model: a provider-wide problem. */
        ALL("all");

        private final String wire;

        Target(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** @throws IllegalArgumentException naming the accepted values */
        public static Target parse(String value) {
            for (var target : values()) {
                if (target.wire.equals(value)) {
                    return target;
                }
            }
            throw new IllegalArgumentException("target must be 'primary', 'fallback' or 'all', but was '" + value
                    + "'");
        }
    }

    /**
     * A fault window: from {@code startAfter} (after the first run starts) for {@code window}, requests for the
     * {@code target} models get {@code faults} (and the other models none: the simulator holds one profile at a
     * time); then the steady faults come back.
     */
    public record Outage(Duration startAfter, Duration window, FaultProfile faults, Target target) {
        /** A window on the primary model. */
        public Outage(Duration startAfter, Duration window, FaultProfile faults) {
            this(startAfter, window, faults, Target.PRIMARY);
        }

        public Outage {
            Objects.requireNonNull(startAfter, "startAfter");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(faults, "faults");
            Objects.requireNonNull(target, "target");
            var problems = new ArrayList<String>();
            if (startAfter.isNegative()) {
                problems.add("outage.startAfter must not be negative, but was " + startAfter);
            }
            if (window.isNegative() || window.isZero()) {
                problems.add("outage.window must be positive, but was " + window);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }

        public Duration endsAfter() {
            return startAfter.plus(window);
        }
    }

    public ChaosProfile {
        Objects.requireNonNull(modelFaults, "modelFaults");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(worldFaults, "worldFaults");
        Objects.requireNonNull(outage, "outage");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(defaults, "defaults");
        description = description == null ? "" : description.strip();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a profile name must be 1-40 lowercase letters, digits or '-', but was '"
                    + name + "'");
        }
    }

    /** A profile run with the harness's and production's defaults. */
    public ChaosProfile(String name, String description, FaultProfile modelFaults, Scope scope,
            WorldFaults worldFaults, Optional<Outage> outage, ChaosTargets targets) {
        this(name, description, modelFaults, scope, worldFaults, outage, targets, ProfileDefaults.NONE);
    }
}
