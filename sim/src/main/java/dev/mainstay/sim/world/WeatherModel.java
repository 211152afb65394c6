package dev.mainstay.sim.world;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Plausible weather from coordinates, date and seed. Temperature follows latitude and season (mild at the equator,
 * cold and seasonal near the poles, seasons flipped south of the equator); wetness follows climate bands (wet
 * tropics and mid-latitudes, dry subtropical deserts) plus a fixed per-place share, so some places are rainy more
 * often than others. Each day's weather comes from a random generator seeded with the seed, the place and the date,
 * so a given date always gets the same weather whenever it is asked for.
 */
final class WeatherModel {
    /** One day's weather, numbers already rounded as Open-Meteo reports them. */
    record Day(LocalDate date, int weatherCode, double maxC, double minC, double precipitationMm,
            int precipitationProbabilityPct) {}

    /** The weather at one moment. */
    record Now(LocalDateTime time, double temperatureC, double precipitationMm, int weatherCode, double windKmh) {}

    private final long seed;

    WeatherModel(long seed) {
        this.seed = seed;
    }

    Day day(double latitude, double longitude, LocalDate date) {
        var random = random(latitude, longitude, date.toEpochDay());
        double mean = meanTemperature(latitude, date) + random.nextDouble(-3.5, 3.5);
        int probability = (int) Math.round(100 * clamp(wetness(latitude, longitude) + random.nextDouble(-0.45, 0.45), 0, 1));
        double precipitation = 0;
        if (probability >= 45) {
            precipitation = round1(0.2 + (probability - 40) / 60.0 * random.nextDouble(0.5, 14));
        } else if (probability >= 25 && random.nextDouble() < 0.3) {
            precipitation = round1(random.nextDouble(0.1, 0.5));
        }
        double range = precipitation > 1 ? random.nextDouble(3, 6) : random.nextDouble(6, 11);
        double max = round1(mean + range / 2);
        double min = round1(mean - range / 2);
        int code = code(probability, precipitation, max, random);
        return new Day(date, code, max, min, precipitation, probability);
    }

    /** The weather at {@code localTime}: between the day's low (around 5:00) and high (around 16:00). */
    Now now(double latitude, double longitude, LocalDateTime localTime) {
        var today = day(latitude, longitude, localTime.toLocalDate());
        var random = random(latitude, longitude, localTime.toLocalDate().toEpochDay() * 24 + localTime.getHour());
        double hour = localTime.getHour() + localTime.getMinute() / 60.0;
        double warmth = (1 - Math.cos(2 * Math.PI * (hour - 4) / 24)) / 2;
        double temperature = round1(today.minC() + (today.maxC() - today.minC()) * warmth);
        boolean wetNow = today.precipitationMm() >= 0.1 && random.nextInt(100) < today.precipitationProbabilityPct();
        double precipitation = wetNow ? round1(Math.max(0.1, today.precipitationMm() / random.nextDouble(4, 10))) : 0;
        int code = wetNow ? today.weatherCode() : (today.weatherCode() <= 3 ? today.weatherCode() : 3);
        double wind = round1(random.nextDouble(3, 22) + (today.precipitationMm() > 2 ? random.nextDouble(5, 20) : 0));
        return new Now(localTime, temperature, precipitation, code, wind);
    }

    private SplittableRandom random(double latitude, double longitude, long salt) {
        return new SplittableRandom(Fold.mix(seed, Math.round(latitude * 100), Math.round(longitude * 100), salt));
    }

    /** Annual mean falling with latitude, plus a season that peaks in mid-July north and mid-January south. */
    private static double meanTemperature(double latitude, LocalDate date) {
        double annual = 27 - 0.006 * latitude * latitude;
        double amplitude = 0.2 * Math.abs(latitude);
        double season = Math.cos(2 * Math.PI * (date.getDayOfYear() - 196) / 365.25);
        return annual + amplitude * season * Math.signum(latitude);
    }

    /** A place's usual chance of a wet day, 0..1: climate band plus a fixed per-place share. */
    private static double wetness(double latitude, double longitude) {
        double band = Math.abs(latitude);
        double climate = band < 10 ? 0.7 : band < 20 ? 0.45 : band < 32 ? 0.12 : band < 42 ? 0.32 : band < 66 ? 0.5 : 0.4;
        long place = Fold.mix(Math.round(latitude * 10), Math.round(longitude * 10));
        double local = (place >>> 11) / (double) (1L << 53);
        return 0.75 * climate + 0.25 * local;
    }

    /** A WMO weather code consistent with the day's numbers. */
    private static int code(int probability, double precipitation, double max, SplittableRandom random) {
        if (precipitation >= 0.1) {
            if (max <= 1) {
                return precipitation < 2 ? 71 : precipitation < 8 ? 73 : 75;
            }
            if (precipitation >= 10 && max >= 20) {
                return 95;
            }
            if (precipitation < 1) {
                return precipitation < 0.5 ? 51 : 53;
            }
            if (random.nextDouble() < 0.35) {
                return precipitation < 5 ? 80 : 81;
            }
            return precipitation < 4 ? 61 : precipitation < 10 ? 63 : 65;
        }
        if (max < 12 && random.nextDouble() < 0.06) {
            return 45;
        }
        return probability < 15 ? 0 : probability < 30 ? 1 : probability < 45 ? 2 : 3;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
