package dev.mainstay.sim.world;

import java.util.List;

/** A place the fake geocoder knows, with real coordinates. {@code aliases} are folded alternative names. */
record City(int id, String name, double latitude, double longitude, double elevation, String countryCode,
        String country, String admin1, String timezone, long population, List<String> aliases) {
    City {
        aliases = List.copyOf(aliases);
    }
}
