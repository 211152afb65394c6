package dev.mainstay.sim.attack;

/** Where in the simulated world's untrusted output an injection is planted. */
public enum Placement {
    /** A search result ranked first for every query: a page the attacker wrote. */
    SEARCH_RESULT,
    /**
     * The place name the geocoder returns, which the weather report repeats: Open-Meteo-shaped data carries no other
     * free text, and the weather tool keeps 100 characters of it, so long templates arrive cut.
     */
    WEATHER_REPORT,
    /** A note in the user's shared notebook, written by a colleague. */
    SHARED_NOTE
}
