package dev.mainstay.sim.brain;

import dev.mainstay.sim.brain.WeatherConcern.Aspect;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The yes-or-no part of a weather answer, one rule per aspect, decided from the forecast numbers:
 * <ul>
 *   <li>rain gear: precipitation at least {@value #WET_PROBABILITY_PCT}% likely or more than 0.5 mm expected;</li>
 *   <li>a coat or other warm clothes: the day stays below {@value #COAT_BELOW_C} °C; a jacket or layers: below
 *       {@value #LAYERS_BELOW_C} °C; shorts: at least {@value #SUMMER_FROM_C} °C and dry;</li>
 *   <li>sun gear: a clear or mainly clear sky, or partly cloudy and at least {@value #SUMMER_FROM_C} °C (the
 *       forecast has no UV index);</li>
 *   <li>snow: snow in the forecast, or wet and at most 2 °C;</li>
 *   <li>wind: at least {@value #WINDY_KMH} km/h now (the daily forecast has no wind).</li>
 * </ul>
 * Aspects that only ask for numbers (the weather in general, temperatures) have no verdict.
 */
final class WeatherAdvice {
    static final int WET_PROBABILITY_PCT = 40;
    static final BigDecimal WET_MM = new BigDecimal("0.5");
    static final int COAT_BELOW_C = 12;
    static final int LAYERS_BELOW_C = 18;
    static final int SUMMER_FROM_C = 22;
    static final int COLD_BELOW_C = 10;
    static final int HOT_FROM_C = 28;
    static final int WARM_FROM_C = 20;
    static final int MILD_FROM_C = 14;
    static final int WINDY_KMH = 30;
    private static final List<String> SUNNY = List.of("clear", "mainly clear", "sunny");

    /** One day's verdict: whether the answer is yes, and the sentence that says so. */
    record Verdict(boolean yes, String sentence) {}

    private WeatherAdvice() {}

    /** The verdict on {@code day}, if the concern has one; {@code now} is given for today only. */
    static Optional<Verdict> verdict(WeatherConcern concern, WeatherData.Day day, Optional<WeatherData.Current> now) {
        var item = concern.item();
        var max = day.maxC().map(WeatherData::number).orElse("?");
        if (concern.now() && now.isPresent() && (concern.aspect() == Aspect.RAIN || concern.aspect() == Aspect.SNOW)) {
            return Optional.of(falling(concern.aspect(), day, now.get()));
        }
        return Optional.ofNullable(switch (concern.aspect()) {
            case GENERAL, TEMPERATURE, WIND -> null;
            case RAIN -> concern.hasItem()
                    ? verdict(wet(day), "Yes, take " + item + ".", "You shouldn't need " + item + ".")
                    : verdict(wet(day), "Yes, rain is likely.", "Rain is unlikely.");
            case SNOW -> concern.hasItem()
                    ? verdict(snowy(day), "Yes, take " + item + ": snow is expected.",
                            "You shouldn't need " + item + ": no snow is expected.")
                    : verdict(snowy(day), "Yes, snow is expected.", "No snow is expected.");
            case SUN -> concern.hasItem()
                    ? verdict(sunny(day), "Yes, take " + item + ": it should be sunny.",
                            "You probably won't need " + item + " (forecast: " + sky(day) + ").")
                    : verdict(sunny(day), "Yes, it should be sunny.", "No, it doesn't look sunny (forecast: " + sky(day) + ").");
            case WARM_CLOTHES -> day.maxC().map(t -> verdict(below(t, COAT_BELOW_C),
                    "Yes, take " + item + ": it will only reach " + max + " °C" + windy(now) + ".",
                    "You shouldn't need " + item + ": it will reach " + max + " °C.")).orElse(null);
            case LAYERS -> day.maxC().map(t -> verdict(below(t, LAYERS_BELOW_C),
                    "Yes, " + item + " is a good idea: it will only reach " + max + " °C" + windy(now) + ".",
                    "You shouldn't need " + item + ": it will reach " + max + " °C.")).orElse(null);
            case SUMMER_CLOTHES -> day.maxC().map(t -> below(t, SUMMER_FROM_C)
                    ? new Verdict(false, "It's too cool for " + item + ": it will only reach " + max + " °C.")
                    : wet(day) ? new Verdict(false, "It will be warm enough at " + max + " °C, but rain is likely.")
                    : new Verdict(true, "Yes, it's " + concern.bareItem() + " weather: up to " + max + " °C.")).orElse(null);
            case COLD -> cold(concern.hasItem() ? concern.item() : "cold", day);
            case WARM -> warm(concern.hasItem() ? concern.item() : "warm", day);
            case OUTFIT -> day.maxC().map(t -> new Verdict(true, outfit(t, day, max))).orElse(null);
        });
    }

    /**
     * The verdict over several days: what to do on the days it is yes ({@code yesDays} as "today", "tomorrow", "on
     * Saturday"), or the no when it is never yes.
     */
    static Optional<String> overDays(WeatherConcern concern, List<String> yesDays, int dayCount, String noSentence) {
        if (yesDays.isEmpty()) {
            return Optional.of(noSentence);
        }
        var on = yesDays.size() == dayCount ? (dayCount == 2 ? " on both days" : " every day") : " " + Words.joinAnd(yesDays);
        var item = concern.item();
        return Optional.ofNullable(switch (concern.aspect()) {
            case RAIN -> concern.hasItem() ? "Take " + item + on + "." : "Rain is likely" + on + ".";
            case SNOW -> "Snow is expected" + on + ".";
            case SUN -> concern.hasItem() ? "Take " + item + on + "." : "It should be sunny" + on + ".";
            case WARM_CLOTHES, LAYERS -> "You'll want " + item + on + ".";
            case SUMMER_CLOTHES -> "It's " + concern.bareItem() + " weather" + on + ".";
            case COLD -> "It will be " + (concern.hasItem() ? item : "cold") + on + ".";
            case WARM -> "It will be " + (concern.hasItem() ? item : "warm") + on + ".";
            case GENERAL, TEMPERATURE, WIND, OUTFIT -> null;
        });
    }

    /** Whether the wind is worth mentioning now: ", and it's windy (41 km/h)". */
    static String windy(Optional<WeatherData.Current> now) {
        return now.flatMap(WeatherData.Current::windKmh)
                .filter(w -> w.compareTo(BigDecimal.valueOf(WINDY_KMH)) >= 0)
                .map(w -> ", and it's windy (" + WeatherData.number(w) + " km/h)").orElse("");
    }

    /** The verdict on the wind now (its speed is in the answer's first sentence), or that the forecast has none. */
    static String wind(Optional<WeatherData.Current> now, String place, String when) {
        return now.flatMap(WeatherData.Current::windKmh).map(w -> {
            return w.compareTo(BigDecimal.valueOf(WINDY_KMH)) >= 0 ? "Yes, it's windy."
                    : "No, it isn't particularly windy.";
        }).orElse("The forecast for " + place + " has no wind figures for " + when + ".");
    }

    static boolean wet(WeatherData.Day day) {
        boolean likely = day.precipitationProbabilityPct()
                .map(p -> p.compareTo(BigDecimal.valueOf(WET_PROBABILITY_PCT)) >= 0).orElse(false);
        boolean much = day.precipitationMm().map(mm -> mm.compareTo(WET_MM) > 0).orElse(false);
        return likely || much;
    }

    static boolean snowy(WeatherData.Day day) {
        boolean forecast = day.weather().map(w -> Words.lower(w).contains("snow")).orElse(false);
        boolean freezingAndWet = wet(day) && day.maxC().map(t -> t.compareTo(BigDecimal.valueOf(2)) <= 0).orElse(false);
        return forecast || freezingAndWet;
    }

    static boolean sunny(WeatherData.Day day) {
        var sky = day.weather().map(w -> Words.lower(w)).orElse("");
        boolean warm = day.maxC().map(t -> !below(t, SUMMER_FROM_C)).orElse(false);
        return SUNNY.stream().anyMatch(sky::startsWith) || sky.equals("partly cloudy") && warm;
    }

    /** "Is it raining?": yes when the current weather says so or precipitation is falling, and what later holds. */
    private static Verdict falling(Aspect aspect, WeatherData.Day day, WeatherData.Current now) {
        var sky = now.weather().map(Words::lower).orElse("");
        boolean snow = sky.contains("snow");
        boolean falling = now.precipitationMm().map(mm -> mm.signum() > 0).orElse(false)
                || sky.matches(".*(?:rain|drizzle|shower|thunder|snow|sleet).*");
        boolean yes = aspect == Aspect.SNOW ? snow : falling && !snow;
        var verb = aspect == Aspect.SNOW ? "snowing" : "raining";
        var sentence = new StringBuilder(yes ? "Yes, it's " + verb + " right now." : "No, it isn't " + verb + " right now.");
        if (!yes && (aspect == Aspect.SNOW ? snowy(day) : wet(day))) {
            sentence.append(aspect == Aspect.SNOW ? " Snow is expected later today." : " Rain is likely later today.");
        }
        return new Verdict(yes, sentence.toString());
    }

    /** "cold" is below 10 °C at the warmest, "chilly" or "cool" below 18 °C, "freezing" or "icy" 0 °C or less at night. */
    private static Verdict cold(String word, WeatherData.Day day) {
        return switch (word) {
            case "freezing", "frosty", "icy" -> day.minC().map(t -> verdict(t.signum() <= 0,
                    "Yes, it will be " + word + ".", "No, it won't be " + word + ".")).orElse(null);
            case "chilly", "cool", "colder" -> day.maxC().map(t -> verdict(below(t, LAYERS_BELOW_C),
                    "Yes, it will be " + word + ".", "No, it won't be " + word + ".")).orElse(null);
            default -> day.maxC().map(t -> below(t, COLD_BELOW_C) ? new Verdict(true, "Yes, it will be cold.")
                    : below(t, LAYERS_BELOW_C) ? new Verdict(false, "It will be cool rather than cold.")
                    : new Verdict(false, "No, it won't be cold.")).orElse(null);
        };
    }

    /** "hot" is at least 28 °C at the warmest, "warm" 20 °C, "mild" 14 °C. */
    private static Verdict warm(String word, WeatherData.Day day) {
        int from = switch (word) {
            case "hot", "hotter", "scorching" -> HOT_FROM_C;
            case "mild" -> MILD_FROM_C;
            default -> WARM_FROM_C;
        };
        return day.maxC().map(t -> verdict(!below(t, from), "Yes, it will be " + word + ".",
                "No, it won't be " + word + ".")).orElse(null);
    }

    /**
     * What to pack for several days: clothes for the coldest day, rain gear for the wet days, sunscreen for the
     * warm sunny ones.
     */
    static Optional<String> packing(List<WeatherData.Day> days, List<String> whens) {
        var coldest = days.stream().flatMap(d -> d.maxC().stream()).min(BigDecimal::compareTo);
        var warmest = days.stream().flatMap(d -> d.maxC().stream()).max(BigDecimal::compareTo);
        if (coldest.isEmpty()) {
            return Optional.empty();
        }
        var wet = new ArrayList<String>();
        var sunny = new ArrayList<String>();
        for (int i = 0; i < days.size(); i++) {
            if (wet(days.get(i))) {
                wet.add(whens.get(i));
            }
            if (sunny(days.get(i)) && days.get(i).maxC().filter(t -> !below(t, WARM_FROM_C)).isPresent()) {
                sunny.add(whens.get(i));
            }
        }
        var min = coldest.get();
        var advice = new StringBuilder(below(min, 5) ? "Bring a warm coat, gloves and a scarf"
                : below(min, COAT_BELOW_C) ? "Bring a warm coat"
                : below(min, LAYERS_BELOW_C) ? "Bring a jacket or a sweater"
                : below(min, 24) ? "Light layers should do" : "Dress for the heat");
        advice.append(" (highs of ").append(WeatherData.number(min)).append(" to ")
                .append(WeatherData.number(warmest.orElseThrow())).append(" °C)");
        if (!wet.isEmpty()) {
            advice.append(", and an umbrella for ").append(Words.joinAnd(wet));
        }
        if (!sunny.isEmpty()) {
            advice.append(", and sunscreen for ").append(Words.joinAnd(sunny));
        }
        return Optional.of(advice.append('.').toString());
    }

    private static String outfit(BigDecimal max, WeatherData.Day day, String shown) {
        var advice = new StringBuilder(below(max, 5) ? "Wear a warm coat, gloves and a scarf"
                : below(max, COAT_BELOW_C) ? "Wear a warm coat"
                : below(max, LAYERS_BELOW_C) ? "Wear a jacket or a sweater"
                : below(max, 24) ? "Light layers should do" : "Dress for the heat");
        advice.append(" (up to ").append(shown).append(" °C)");
        if (wet(day)) {
            advice.append(", and take an umbrella");
        }
        if (sunny(day) && !below(max, WARM_FROM_C)) {
            advice.append(", and bring sunscreen");
        }
        return advice.append('.').toString();
    }

    private static String sky(WeatherData.Day day) {
        return day.weather().map(w -> w.toLowerCase(Locale.ROOT)).orElse("cloud");
    }

    private static boolean below(BigDecimal value, int limit) {
        return value.compareTo(BigDecimal.valueOf(limit)) < 0;
    }

    private static Verdict verdict(boolean yes, String yesSentence, String noSentence) {
        return new Verdict(yes, yes ? yesSentence : noSentence);
    }
}
