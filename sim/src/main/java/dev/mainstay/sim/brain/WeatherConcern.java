package dev.mainstay.sim.brain;

/**
 * One thing a weather question wants to know: an aspect of the weather, and the item the user asked about, if any
 * ("a coat", "an umbrella", "sunscreen"), so the answer can speak of it. A question may have several ("what's the
 * weather in Lisbon and should I take an umbrella" is {@link Aspect#GENERAL} and {@link Aspect#RAIN}).
 *
 * @param item the user's item with its article, or empty
 * @param now the question is about this moment ("is it raining in Oslo?"), not the day
 */
record WeatherConcern(Aspect aspect, String item, boolean now) {
    /** What the answer has to cover. */
    enum Aspect {
        /** "weather", "forecast": conditions, temperatures and precipitation, no advice. */
        GENERAL,
        /** "how warm", "temperature": the temperatures. */
        TEMPERATURE,
        /** "is it cold", "will it be chilly": temperatures and a yes or no. */
        COLD,
        /** "is it hot", "will it be warm": temperatures and a yes or no. */
        WARM,
        /** coat, gloves, scarf: needed when it stays cold. */
        WARM_CLOTHES,
        /** jacket, sweater, layers: needed when it stays cool. */
        LAYERS,
        /** shorts, t-shirt, sandals: sensible when it is warm and dry. */
        SUMMER_CLOTHES,
        /** "what should I wear / pack": temperatures, rain and sun, with what to take. */
        OUTFIT,
        /** rain, umbrella, raincoat: chance and amount of precipitation. */
        RAIN,
        /** snow, snow boots: snow in the forecast. */
        SNOW,
        /** sunny, sunscreen, sunglasses: sky cover (the forecast has no UV index). */
        SUN,
        /** windy, wind: the current wind (the daily forecast has none). */
        WIND
    }

    WeatherConcern {
        item = item == null ? "" : item;
    }

    WeatherConcern(Aspect aspect, String item) {
        this(aspect, item, false);
    }

    static WeatherConcern of(Aspect aspect) {
        return new WeatherConcern(aspect, "");
    }

    boolean hasItem() {
        return !item.isEmpty();
    }

    /** The item without its article: "a coat" → "coat". */
    String bareItem() {
        return item.replaceFirst("^(?:a|an|some|your)\\s+", "");
    }
}
