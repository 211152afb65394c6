package dev.mainstay.sim.brain;

import dev.mainstay.sim.brain.WeatherConcern.Aspect;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the answer to a weather question from the get_weather output, covering what was asked and nothing else:
 * the days asked about (today with the conditions now, tomorrow, the weekend…), only the figures the question
 * needs (a coat needs temperatures, an umbrella the chance of rain, the weather in general all of them), then one
 * verdict per thing asked ({@link WeatherAdvice}). Umbrella advice appears only when rain gear or rain was asked
 * about.
 */
final class WeatherReport {
    private enum Field { SKY, TEMPERATURES, PRECIPITATION }

    private WeatherReport() {}

    /** The answer, or empty when the output is not the tool's JSON shape. */
    static Optional<String> describe(Intent.Weather asked, String output) {
        return WeatherData.parse(output, asked.location()).map(data -> write(asked, data));
    }

    private static String write(Intent.Weather asked, WeatherData data) {
        var concerns = asked.concerns().isEmpty() ? List.of(WeatherConcern.of(Aspect.GENERAL)) : asked.concerns();
        var picked = asked.window().select(data.dates());
        if (picked.isEmpty() && asked.window() instanceof ForecastWindow.Weekend && !data.days().isEmpty()) {
            picked = ForecastWindow.TODAY.and(new ForecastWindow.Span(data.days().size())).select(data.dates());
        }
        boolean today = asked.window() instanceof ForecastWindow.Today
                || picked.stream().anyMatch(p -> p.index() == 0) && asked.window() instanceof ForecastWindow.Span;
        var now = today ? data.current() : Optional.<WeatherData.Current>empty();
        var sentences = new ArrayList<String>();
        now.flatMap(current -> current(current, concerns))
                .ifPresent(c -> sentences.add("Right now in " + data.place() + ": " + c + "."));
        if (picked.isEmpty()) {
            if (!(asked.window() instanceof ForecastWindow.Today) || sentences.isEmpty()) {
                sentences.add("The forecast for " + data.place() + " doesn't cover" + covering(asked.window()) + ".");
            }
            return String.join(" ", sentences);
        }
        var fields = fields(concerns);
        for (var day : picked) {
            if (!fields.isEmpty()) {
                sentences.add(dayLine(data, day, picked.size(), sentences.isEmpty()) + ": "
                        + details(data.days().get(day.index()), fields) + ".");
            }
        }
        for (var concern : concerns) {
            verdicts(concern, data, picked, now).ifPresent(sentences::add);
        }
        var text = String.join(" ", sentences);
        return text.startsWith("Right now") || text.startsWith("In ") || text.startsWith("The forecast") ? text
                : "In " + data.place() + ": " + text;
    }

    private static Optional<String> verdicts(WeatherConcern concern, WeatherData data, List<ForecastWindow.Picked> picked,
            Optional<WeatherData.Current> now) {
        if (concern.aspect() == Aspect.WIND) {
            return Optional.of(WeatherAdvice.wind(now, data.place(), when(picked.getFirst()).strip()));
        }
        if (picked.size() == 1) {
            var day = data.days().get(picked.getFirst().index());
            return WeatherAdvice.verdict(concern, day, now).map(WeatherAdvice.Verdict::sentence);
        }
        if (concern.aspect() == Aspect.OUTFIT) {
            var days = picked.stream().map(p -> data.days().get(p.index())).toList();
            var whens = picked.stream().map(p -> when(p).strip().replaceFirst("^on ", "")).toList();
            return WeatherAdvice.packing(days, whens);
        }
        var yesDays = new ArrayList<String>();
        String no = null;
        for (var p : picked) {
            var verdict = WeatherAdvice.verdict(concern, data.days().get(p.index()), p.index() == 0 ? now : Optional.empty());
            if (verdict.isEmpty()) {
                return Optional.empty();
            }
            if (verdict.get().yes()) {
                yesDays.add(when(p).strip());
            } else if (no == null) {
                no = verdict.get().sentence().replaceFirst("(?::| \\().*", ".");
            }
        }
        return WeatherAdvice.overDays(concern, yesDays, picked.size(), no);
    }

    /** "Today (2026-11-25)", or "In Oslo, Norway tomorrow (2026-11-26)" when it opens the answer. */
    private static String dayLine(WeatherData data, ForecastWindow.Picked day, int dayCount, boolean opens) {
        var date = Optional.ofNullable(data.days().get(day.index()).date()).map(d -> " (" + d + ")").orElse("");
        if (opens && dayCount == 1) {
            return "In " + data.place() + when(day) + date;
        }
        return day.label() + date;
    }

    private static String when(ForecastWindow.Picked day) {
        return switch (day.label()) {
            case "Today" -> " today";
            case "Tomorrow" -> " tomorrow";
            default -> day.label().startsWith("Day ") ? " on " + Words.lower(day.label()) : " on " + day.label();
        };
    }

    private static String covering(ForecastWindow window) {
        var phrase = window.phrase().replaceFirst("^ for", "");
        return phrase.isEmpty() ? " today" : phrase;
    }

    /** The conditions now that the concerns need: "14.2 °C, light rain, wind 18 km/h". */
    private static Optional<String> current(WeatherData.Current now, List<WeatherConcern> concerns) {
        var aspects = EnumSet.noneOf(Aspect.class);
        concerns.forEach(c -> aspects.add(c.aspect()));
        boolean general = aspects.contains(Aspect.GENERAL) || aspects.contains(Aspect.OUTFIT);
        boolean temperature = general || aspects.stream().anyMatch(a -> a != Aspect.RAIN && a != Aspect.SUN
                && a != Aspect.SNOW && a != Aspect.WIND);
        boolean sky = general || aspects.contains(Aspect.RAIN) || aspects.contains(Aspect.SUN) || aspects.contains(Aspect.SNOW);
        boolean wind = general || aspects.contains(Aspect.WIND) || aspects.contains(Aspect.WARM_CLOTHES)
                || aspects.contains(Aspect.LAYERS);
        var parts = new ArrayList<String>();
        if (temperature) {
            now.temperatureC().ifPresent(t -> parts.add(WeatherData.number(t) + " °C"));
        }
        if (sky) {
            now.weather().ifPresent(parts::add);
        }
        if (wind) {
            now.windKmh().ifPresent(w -> parts.add("wind " + WeatherData.number(w) + " km/h"));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
    }

    private static Set<Field> fields(List<WeatherConcern> concerns) {
        var fields = EnumSet.noneOf(Field.class);
        for (var concern : concerns) {
            switch (concern.aspect()) {
                case GENERAL, OUTFIT, SNOW -> fields.addAll(EnumSet.allOf(Field.class));
                case TEMPERATURE, COLD, WARM, WARM_CLOTHES, LAYERS -> fields.add(Field.TEMPERATURES);
                case SUMMER_CLOTHES -> fields.addAll(EnumSet.of(Field.TEMPERATURES, Field.PRECIPITATION));
                case RAIN -> fields.add(Field.PRECIPITATION);
                case SUN -> fields.addAll(EnumSet.of(Field.SKY, Field.TEMPERATURES));
                case WIND -> { }
            }
        }
        return fields;
    }

    /** "light rain, 10.3 to 16.1 °C, 80% chance of precipitation, 3.2 mm expected". */
    private static String details(WeatherData.Day day, Set<Field> fields) {
        var details = new ArrayList<String>();
        if (fields.contains(Field.SKY)) {
            day.weather().ifPresent(details::add);
        }
        if (fields.contains(Field.TEMPERATURES) && day.minC().isPresent() && day.maxC().isPresent()) {
            details.add(WeatherData.number(day.minC().get()) + " to " + WeatherData.number(day.maxC().get()) + " °C");
        }
        if (fields.contains(Field.PRECIPITATION)) {
            day.precipitationProbabilityPct().ifPresent(p -> details.add(WeatherData.number(p) + "% chance of precipitation"));
            day.precipitationMm().ifPresent(mm -> details.add(WeatherData.number(mm) + " mm expected"));
        }
        return details.isEmpty() ? "no details" : String.join(", ", details);
    }
}
