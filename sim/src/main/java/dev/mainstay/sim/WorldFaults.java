package dev.mainstay.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which failures the simulator injects into its fake outside world under {@code /world}, per backend. Immutable;
 * validated when built, listing every problem at once. Set it with {@link Simulator#setWorldFaults} or
 * {@code PUT /admin/world-faults}.
 *
 * <p>Faults are drawn per HTTP request, one uniform draw each, from a generator seeded by
 * {@link SimulatorConfig#seed()}. A weather tool call makes two requests (geocoding, then forecast), each of which
 * draws its own fault, so it fails more often than {@code weather.failureRate()}.
 *
 * @param weather faults of the Open-Meteo stand-ins ({@code /world/geocoding/…} and {@code /world/forecast/…})
 * @param search faults of the SearXNG stand-in ({@code /world/searxng/search})
 */
public record WorldFaults(RouteFaults weather, RouteFaults search) {
    /** No faults anywhere in the world. */
    public static final WorldFaults NONE = new WorldFaults(RouteFaults.NONE, RouteFaults.NONE);

    public WorldFaults {
        Objects.requireNonNull(weather, "weather");
        Objects.requireNonNull(search, "search");
    }

    /** The same faults on every backend. */
    public static WorldFaults everywhere(RouteFaults faults) {
        return new WorldFaults(faults, faults);
    }

    /** The faults of {@code route}. */
    public RouteFaults of(WorldRoute route) {
        return switch (Objects.requireNonNull(route, "route")) {
            case WEATHER -> weather;
            case SEARCH -> search;
        };
    }

    public boolean isNone() {
        return weather.isNone() && search.isNone();
    }

    /** The backends of the fake world, as fault injection and {@link WorldStats} name them. */
    public enum WorldRoute {
        WEATHER("weather"),
        SEARCH("search");

        private final String key;

        WorldRoute(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * Exclusive per-request fault rates of one backend; they must add up to at most 1.
     *
     * @param failureRate share answered with an HTTP error: half {@code 500}, half {@code 503}
     * @param hangRate share never answered: the connection is held until the client gives up or the simulator closes
     */
    public record RouteFaults(double failureRate, double hangRate) {
        public static final RouteFaults NONE = new RouteFaults(0, 0);

        public RouteFaults {
            var problems = new ArrayList<String>();
            check(problems, "failureRate", failureRate);
            check(problems, "hangRate", hangRate);
            if (problems.isEmpty() && failureRate + hangRate > 1.0 + 1e-9) {
                problems.add("failureRate and hangRate are exclusive per request and must add up to at most 1, but"
                        + " add up to " + (failureRate + hangRate));
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid world faults: " + String.join("; ", problems));
            }
        }

        private static void check(List<String> problems, String name, double rate) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                problems.add(name + " must be between 0 and 1, but was " + rate);
            }
        }

        public boolean isNone() {
            return failureRate == 0 && hangRate == 0;
        }
    }
}
