package dev.mainstay.sim;

import dev.mainstay.sim.internal.WorldApi;

/** The fake world the simulator serves under {@code /world}. */
final class DefaultWorld {
    private DefaultWorld() {}

    // PLACEHOLDER until dev.mainstay.sim.world.FakeWorld exists: the lead replaces the body with
    // `var world = new FakeWorld(seed); return new WorldApi() { …delegating to world… };`
    static WorldApi create(long seed) {
        return new WorldApi() {
            @Override
            public String geocode(String name, int count) {
                return "{\"generationtime_ms\":0.1}";
            }

            @Override
            public String forecast(double latitude, double longitude, int days) {
                throw new UnsupportedOperationException("the fake world is not wired yet");
            }

            @Override
            public String search(String query) {
                return "{\"query\":" + dev.mainstay.json.Json.write(query) + ",\"results\":[]}";
            }
        };
    }
}
