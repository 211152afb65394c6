package dev.mainstay.sim.brain;

import java.util.List;
import java.util.Optional;

/**
 * Recognises a weather question and reads its three parts: what it wants to know ({@link WeatherWords}: the
 * weather, rain, a coat, sunscreen…), the days it is about ({@link DayWords}: today, tomorrow, the weekend…) and
 * the place ({@link PlaceNames}).
 */
final class WeatherPhrases {
    /**
     * A weather question found at {@code start} of its clause; {@code location} is empty when the clause names no
     * place, {@code window} when it names no day.
     */
    record Found(int start, Optional<String> location, Optional<ForecastWindow> window, List<WeatherConcern> concerns) {
        Found {
            concerns = List.copyOf(concerns);
        }

        Intent.Weather intent(String place) {
            return new Intent.Weather(place, window.orElse(ForecastWindow.TODAY), concerns);
        }
    }

    private WeatherPhrases() {}

    static Optional<Found> find(String clause) {
        var words = WeatherWords.find(clause);
        if (words.concerns().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Found(words.start(), PlaceNames.find(clause, words.start()), DayWords.find(clause),
                words.concerns()));
    }
}
