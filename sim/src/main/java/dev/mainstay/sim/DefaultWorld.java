package dev.mainstay.sim;

import dev.mainstay.sim.internal.WorldApi;
import dev.mainstay.sim.world.FakeWorld;

/** The fake world the simulator serves under {@code /world}. */
final class DefaultWorld {
    private DefaultWorld() {}

    static WorldApi create(long seed) {
        var world = new FakeWorld(seed);
        return new WorldApi() {
            @Override
            public String geocode(String name, int count) {
                return world.geocode(name, count);
            }

            @Override
            public String forecast(double latitude, double longitude, int days) {
                return world.forecast(latitude, longitude, days);
            }

            @Override
            public String search(String query) {
                return world.search(query);
            }
        };
    }
}
