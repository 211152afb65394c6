package dev.mainstay.sim.brain;

import dev.mainstay.sim.brain.WeatherConcern.Aspect;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words that make a clause a weather question, and what each wants to know. Three kinds:
 * <ul>
 *   <li>weather words: "weather", "forecast", "rain", "snowing", "sunny", "windy", "temperature";</li>
 *   <li>how it feels: "will it be cold", "is it hot", "how warm";</li>
 *   <li>things to wear or bring: "coat", "jacket", "umbrella", "raincoat", "sunscreen", "sunglasses", "shorts",
 *       and "what should I wear / pack". These count only when the clause asks about needing, bringing or wearing
 *       them, names a day, or is a question, so "jacket potato recipe" is not about the weather.</li>
 * </ul>
 * Clothing and gear map to the aspect that decides them: coats to the cold, umbrellas to rain, sunscreen to sun.
 */
final class WeatherWords {
    /** The concerns a clause asks about and where the first of their words starts; {@code start} is -1 for none. */
    record Found(int start, List<WeatherConcern> concerns) {
        Found {
            concerns = List.copyOf(concerns);
        }
    }

    private record Entry(Pattern pattern, Aspect aspect, boolean gear, boolean now) {}

    private static final List<Entry> ENTRIES = List.of(
            gear("rain\\s*(?:coat|jacket|gear|boots|poncho|mac)s?|waterproof(?:\\s+jacket)?s?", Aspect.RAIN),
            gear("umbrellas?|brolly", Aspect.RAIN),
            gear("wellies|wellingtons|galoshes|ponchos?", Aspect.RAIN),
            gear("snow\\s+(?:boots|chains|tyres|tires)", Aspect.SNOW),
            gear("sun\\s*screen|sun\\s*block|sun\\s*cream|sun\\s+lotion|spf", Aspect.SUN),
            gear("sun\\s*glasses|shades", Aspect.SUN),
            gear("sun\\s*hat", Aspect.SUN),
            gear("(?:winter|warm|heavy|thick|down|wool(?:len)?|puffer)\\s+(?:coat|jacket)s?|(?:over)?coats?|parkas?"
                    + "|puffers?", Aspect.WARM_CLOTHES),
            gear("gloves|mittens|scarf|scarves|beanie|woolly\\s+hat|thermals", Aspect.WARM_CLOTHES),
            gear("(?:warm|winter)\\s+(?:clothes|clothing|layers)", Aspect.WARM_CLOTHES),
            gear("jackets?|sweaters?|jumpers?|hoodies?|cardigans?|fleeces?|pullovers?|sweatshirts?|layers"
                    + "|long\\s+sleeves", Aspect.LAYERS),
            gear("shorts|t-?shirts?|sandals|flip[-\\s]?flops|swim(?:suit|wear|ming\\s+costume)s?|bikinis?"
                    + "|(?:summer|light)\\s+(?:clothes|clothing)", Aspect.SUMMER_CLOTHES),
            word("what\\s+(?:should|shall|do|can|to)\\s+(?:i\\s+|we\\s+)?(?:wear|pack|bring|take|dress\\s+in)"
                    + "|how\\s+(?:should|do|shall)\\s+(?:i|we)\\s+dress|dress\\s+for|clothes|clothing|outfit", Aspect.OUTFIT),
            word("(?:is|be|get|gets|getting|it's|it’s|stay|feel|feels|turn)\\s+(?:it\\s+)?(?:very\\s+|too\\s+|really\\s+"
                    + "|quite\\s+|going\\s+to\\s+be\\s+)?(?:cold|chilly|freezing|frosty|icy|cool|colder)", Aspect.COLD),
            word("(?:is|be|get|gets|getting|it's|it’s|stay|feel|feels|turn)\\s+(?:it\\s+)?(?:very\\s+|too\\s+|really\\s+"
                    + "|quite\\s+|going\\s+to\\s+be\\s+)?(?:hot|warm|warmer|hotter|mild|scorching)", Aspect.WARM),
            word("how\\s+(?:cold|warm|hot|chilly)|temperatures?|degrees|heat\\s*wave", Aspect.TEMPERATURE),
            now("(?:is|are)\\s+it\\s+(?:still\\s+|currently\\s+)?snowing|snowing\\s+(?:right\\s+)?now", Aspect.SNOW),
            now("(?:is|are)\\s+it\\s+(?:still\\s+|currently\\s+)?(?:raining|pouring|drizzling)"
                    + "|raining\\s+(?:right\\s+)?now", Aspect.RAIN),
            word("snow(?:ing|y|s|fall)?|sleet|blizzards?|flurries", Aspect.SNOW),
            word("rain(?:ing|y|s|fall)?|showers?|drizzl\\w*|downpours?|precipitation|stormy|storms?|thunder\\w*"
                    + "|(?:be|get)\\s+wet", Aspect.RAIN),
            word("sunny|sunshine|sun\\s+(?:be\\s+)?out|uv(?:\\s+index)?|clear\\s+sk(?:y|ies)|cloudy|clouds|overcast"
                    + "|sunburn", Aspect.SUN),
            word("windy|wind|winds|breezy|breeze|gusts?|gusty|gales?", Aspect.WIND),
            word("weather|forecast|humid(?:ity)?", Aspect.GENERAL));

    private static final Pattern GEAR_CONTEXT = Words.pattern(
            "\\b(?:need|needs|needed|bring|take|pack|packing|wear|wearing|grab|carry|put\\s+on|use|apply|should|worth"
                    + "|necessary|required|require|advisable|recommended)\\b|\\?\\s*$");

    /** Plurals and mass nouns, which take no article. */
    private static final Pattern MASS = Words.pattern(".*s|sun\\s*screen|sun\\s*block|sun\\s*cream|sun lotion|spf|swimwear"
            + "|.*clothing");

    private WeatherWords() {}

    static Found find(String clause) {
        var concerns = new ArrayList<WeatherConcern>();
        int start = -1;
        var masked = new boolean[clause.length()];
        boolean gearContext = GEAR_CONTEXT.matcher(clause).find() || DayWords.find(clause).isPresent();
        for (var entry : ENTRIES) {
            if (entry.gear() && !gearContext) {
                continue;
            }
            var m = entry.pattern().matcher(clause);
            while (m.find()) {
                if (masked[m.start()]) {
                    continue;
                }
                for (int i = m.start(); i < m.end(); i++) {
                    masked[i] = true;
                }
                var concern = new WeatherConcern(entry.aspect(), entry.gear() ? item(m.group())
                        : entry.aspect() == Aspect.COLD || entry.aspect() == Aspect.WARM ? lastWord(m.group()) : "",
                        entry.now());
                if (!concerns.contains(concern)) {
                    concerns.add(concern);
                }
                start = start < 0 ? m.start() : Math.min(start, m.start());
            }
        }
        return new Found(start, concerns);
    }

    /** The user's word with an article where English wants one: "a coat", "an umbrella", "sunscreen", "gloves". */
    static String item(String word) {
        var item = Words.lower(word).replaceAll("\\s+", " ");
        if (MASS.matcher(item).matches()) {
            return item;
        }
        return ("aeiou".indexOf(item.charAt(0)) >= 0 ? "an " : "a ") + item;
    }

    /** "cold", "hot", "chilly": the word a feels-like question used, which decides how warm counts as yes. */
    private static String lastWord(String match) {
        var words = Words.lower(match).split("\\s+");
        return words[words.length - 1];
    }

    private static Entry gear(String regex, Aspect aspect) {
        return new Entry(Words.pattern("\\b(?:" + regex + ")\\b"), aspect, true, false);
    }

    private static Entry word(String regex, Aspect aspect) {
        return new Entry(Words.pattern("\\b(?:" + regex + ")\\b"), aspect, false, false);
    }

    /** A question about this moment: "is it raining?". */
    private static Entry now(String regex, Aspect aspect) {
        return new Entry(Words.pattern("\\b(?:" + regex + ")\\b"), aspect, false, true);
    }
}
