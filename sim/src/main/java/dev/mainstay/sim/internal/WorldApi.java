package dev.mainstay.sim.internal;

/**
 * The fake outside world the simulator serves for offline demos: JSON bodies in the shapes of Open-Meteo's
 * geocoding and forecast APIs and SearXNG's search API. Deterministic and thread-safe.
 */
public interface WorldApi {
    String geocode(String name, int count);

    String forecast(double latitude, double longitude, int days);

    String search(String query);
}
