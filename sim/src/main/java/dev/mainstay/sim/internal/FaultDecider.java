package dev.mainstay.sim.internal;

import dev.mainstay.sim.ErrorFault;
import dev.mainstay.sim.FaultProfile;
import java.util.random.RandomGenerator;

/**
 * Draws at most one fault per request from a {@link FaultProfile}: one uniform draw in {@code [0,1)} is placed on
 * consecutive intervals (429, 529, 500, mid-stream overload, cut, hang, malformed, then each {@link ErrorFault} in
 * declaration order) whose widths are the rates. So
 * over many requests each fault's share approaches its rate exactly, and the draw is deterministic for a seeded
 * generator.
 */
public final class FaultDecider {
    private FaultDecider() {}

    /** The fault for one request; always consumes exactly one {@code nextDouble()} of {@code random}. */
    public static Fault decide(FaultProfile profile, RandomGenerator random) {
        double u = random.nextDouble();
        double edge = profile.rate429();
        if (u < edge) {
            return new Fault.ErrorStatus(429);
        }
        edge += profile.rate529();
        if (u < edge) {
            return new Fault.ErrorStatus(529);
        }
        edge += profile.rate500();
        if (u < edge) {
            return new Fault.ErrorStatus(500);
        }
        edge += profile.midStreamOverloadRate();
        if (u < edge) {
            return new Fault.MidStreamOverload();
        }
        edge += profile.cutStreamRate();
        if (u < edge) {
            return new Fault.Cut(profile.cutAfterEvents());
        }
        edge += profile.hangRate();
        if (u < edge) {
            return new Fault.Hang();
        }
        edge += profile.malformedJsonRate();
        if (u < edge) {
            return new Fault.Malformed();
        }
        for (var kind : ErrorFault.values()) {
            edge += profile.rate(kind);
            if (u < edge) {
                return new Fault.Refused(kind);
            }
        }
        return Fault.NONE;
    }
}
