package dev.mainstay.sim.internal;

/**
 * The fake outside world the simulator serves for offline demos: JSON bodies in the shapes of Open-Meteo's
 * geocoding and forecast APIs and SearXNG's search API. Deterministic and thread-safe. Each method throws
 * {@link IllegalArgumentException}, with a message fit for the client, for parameters it refuses.
 */
public interface WorldApi {
    String geocode(String name, int count);

    String forecast(double latitude, double longitude, int days);

    String search(String query);
}
