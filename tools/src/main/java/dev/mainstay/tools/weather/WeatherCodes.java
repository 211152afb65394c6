package dev.mainstay.tools.weather;

/** Words for the WMO weather interpretation codes Open-Meteo reports ({@code weather_code}). */
public final class WeatherCodes {
    private WeatherCodes() {}

    /** A short lower-case description; an unlisted code reads {@code "unknown (code N)"}. */
    public static String describe(int code) {
        return switch (code) {
            case 0 -> "clear sky";
            case 1 -> "mainly clear";
            case 2 -> "partly cloudy";
            case 3 -> "overcast";
            case 45 -> "fog";
            case 48 -> "depositing rime fog";
            case 51 -> "light drizzle";
            case 53 -> "moderate drizzle";
            case 55 -> "dense drizzle";
            case 56 -> "light freezing drizzle";
            case 57 -> "dense freezing drizzle";
            case 61 -> "light rain";
            case 63 -> "moderate rain";
            case 65 -> "heavy rain";
            case 66 -> "light freezing rain";
            case 67 -> "heavy freezing rain";
            case 71 -> "light snow";
            case 73 -> "moderate snow";
            case 75 -> "heavy snow";
            case 77 -> "snow grains";
            case 80 -> "light rain showers";
            case 81 -> "moderate rain showers";
            case 82 -> "violent rain showers";
            case 85 -> "light snow showers";
            case 86 -> "heavy snow showers";
            case 95 -> "thunderstorm";
            case 96 -> "thunderstorm with light hail";
            case 99 -> "thunderstorm with heavy hail";
            default -> "unknown (code " + code + ")";
        };
    }
}
