package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arithmetic asked with a verb or a noun instead of an operator: "divide 100 by 7", "multiply 12 by 3", "add 5 to
 * 9", "subtract 4 from 10", "the sum of 3 and 4", "the product of 6 and 7", "the difference between 9 and 2",
 * "double 21", "half of 80", "the average of 4 and 6", "a 15% tip on $84.50", "20% off 75", and the common unit
 * conversions ("100 Fahrenheit to Celsius", "10 km in miles", "5 kg to pounds"). Operands are numbers, in digits
 * or words.
 */
final class ArithmeticVerbs {
    private static final String N = "[$€£¥]?(-?(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?!\\d)|\\d+(?:\\.\\d+)?)|"
            + NumberWords.NUMBER.pattern() + ")";

    private static final String F = "(?:°\\s*f|degrees?\\s+f(?:ahrenheit)?|fahrenheit|f)";
    private static final String C = "(?:°\\s*c|degrees?\\s+c(?:elsius)?|celsius|centigrade|c)";
    private static final String TO = "\\s+(?:to|in|into)\\s+";
    private static final String CONVERT = "(?:convert\\s+|what\\s+is\\s+|what's\\s+)?";

    /**
     * {@code expression} and {@code display} put operand 1 at $1 and operand 2 at $2: the expression gets the number,
     * the display the user's wording of it.
     */
    private record Form(Pattern pattern, String expression, String display) {}

    private static final List<Form> FORMS = List.of(
            form("divide\\s+" + N + "\\s+by\\s+" + N, "$1/$2", "$1 divided by $2"),
            form("multiply\\s+" + N + "\\s+(?:by|with|and)\\s+" + N, "$1*$2", "$1 times $2"),
            form("add\\s+" + N + "\\s+(?:to|and)\\s+" + N, "$1+$2", "$1 plus $2"),
            form("subtract\\s+" + N + "\\s+from\\s+" + N, "$2-$1", "$2 minus $1"),
            form("take\\s+" + N + "\\s+(?:away\\s+)?from\\s+" + N, "$2-$1", "$2 minus $1"),
            form("(?:the\\s+)?sum\\s+of\\s+" + N + "\\s+and\\s+" + N, "$1+$2", "the sum of $1 and $2"),
            form("(?:the\\s+)?product\\s+of\\s+" + N + "\\s+and\\s+" + N, "$1*$2", "the product of $1 and $2"),
            form("(?:the\\s+)?difference\\s+between\\s+" + N + "\\s+and\\s+" + N, "$1-$2",
                    "the difference between $1 and $2"),
            form("(?:the\\s+)?(?:average|mean)\\s+of\\s+" + N + "\\s+and\\s+" + N, "($1+$2)/2", "the average of $1 and $2"),
            form("double\\s+" + N, "2*$1", "double $1"),
            form("triple\\s+" + N, "3*$1", "triple $1"),
            form("(?:a\\s+)?half\\s+of\\s+" + N, "$1/2", "half of $1"),
            form("(?:a\\s+)?quarter\\s+of\\s+" + N, "$1/4", "a quarter of $1"),
            form(N + "\\s*%\\s+(?:tip|tax|vat|service(?:\\s+charge)?|discount|interest|commission)\\s+(?:on|of|for)\\s+" + N,
                    "$1/100*$2", "$1% of $2"),
            form(N + "\\s*%\\s+off(?:\\s+of)?\\s+" + N, "$2*(1-$1/100)", "$2 less $1%"),
            form(CONVERT + N + "\\s*" + F + TO + C, "($1-32)*5/9", "$1 °F in °C"),
            form(CONVERT + N + "\\s*" + C + TO + F, "$1*9/5+32", "$1 °C in °F"),
            form(CONVERT + N + "\\s*(?:km|kilomet(?:re|er)s?)" + TO + "miles?", "$1/1.609344", "$1 km in miles"),
            form(CONVERT + N + "\\s*miles?" + TO + "(?:km|kilomet(?:re|er)s?)", "$1*1.609344", "$1 miles in km"),
            form(CONVERT + N + "\\s*(?:kg|kilos?|kilograms?)" + TO + "(?:lbs?|pounds?)", "$1/0.45359237", "$1 kg in pounds"),
            form(CONVERT + N + "\\s*(?:lbs?|pounds?)" + TO + "(?:kg|kilos?|kilograms?)", "$1*0.45359237", "$1 pounds in kg"));

    private ArithmeticVerbs() {}

    /** The calculations in a clause asked this way, in textual order. */
    static List<ArithmeticPhrases.Found> find(String clause) {
        var found = new ArrayList<ArithmeticPhrases.Found>();
        for (var form : FORMS) {
            Matcher m = form.pattern().matcher(clause);
            while (m.find()) {
                var first = operand(m.group(1));
                var second = m.groupCount() >= 2 && m.group(2) != null ? operand(m.group(2)) : Optional.<String>empty();
                if (first.isEmpty() || form.expression().contains("$2") && second.isEmpty()) {
                    continue;
                }
                var expression = form.expression().replace("$1", first.get()).replace("$2", second.orElse(""));
                var display = form.display().replace("$1", m.group(1)).replace("$2", second.isPresent() ? m.group(2) : "");
                found.add(new ArithmeticPhrases.Found(expression, display, m.start(), m.end()));
            }
        }
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return found;
    }

    private static Optional<String> operand(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-') {
            return Optional.of(text.replace(",", ""));
        }
        return NumberWords.value(text).map(String::valueOf);
    }

    private static Form form(String regex, String expression, String display) {
        return new Form(Words.pattern("(?<![\\w.])" + regex + "(?![\\w])"), expression, display);
    }
}
