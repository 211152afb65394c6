package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arithmetic asked with a verb or a noun instead of an operator: "divide 100 by 7", "multiply 12 by 3", "add 5 to
 * 9", "subtract 4 from 10", "the sum of 3 and 4", "the product of 6 and 7", "the difference between 9 and 2",
 * "double 21", "half of 80", "the average of 4 and 6". Operands are numbers, in digits or words.
 */
final class ArithmeticVerbs {
    private static final String N = "(-?(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?!\\d)|\\d+(?:\\.\\d+)?)|"
            + NumberWords.NUMBER.pattern() + ")";

    private record Form(Pattern pattern, String template) {}

    /** {@code template} puts operand 1 at $1 and operand 2 at $2. */
    private static final List<Form> FORMS = List.of(
            form("divide\\s+" + N + "\\s+by\\s+" + N, "$1/$2"),
            form("multiply\\s+" + N + "\\s+(?:by|with|and)\\s+" + N, "$1*$2"),
            form("add\\s+" + N + "\\s+(?:to|and)\\s+" + N, "$1+$2"),
            form("subtract\\s+" + N + "\\s+from\\s+" + N, "$2-$1"),
            form("take\\s+" + N + "\\s+(?:away\\s+)?from\\s+" + N, "$2-$1"),
            form("(?:the\\s+)?sum\\s+of\\s+" + N + "\\s+and\\s+" + N, "$1+$2"),
            form("(?:the\\s+)?product\\s+of\\s+" + N + "\\s+and\\s+" + N, "$1*$2"),
            form("(?:the\\s+)?difference\\s+between\\s+" + N + "\\s+and\\s+" + N, "$1-$2"),
            form("(?:the\\s+)?(?:average|mean)\\s+of\\s+" + N + "\\s+and\\s+" + N, "($1+$2)/2"),
            form("(?:the\\s+)?quotient\\s+of\\s+" + N + "\\s+(?:and|by)\\s+" + N, "$1/$2"),
            form("double\\s+" + N, "2*$1"),
            form("(?:a\\s+)?half\\s+of\\s+" + N, "$1/2"),
            form("(?:a\\s+)?quarter\\s+of\\s+" + N, "$1/4"),
            form("triple\\s+" + N, "3*$1"));

    private ArithmeticVerbs() {}

    /** The calculations in a clause asked this way, in textual order. */
    static List<ArithmeticPhrases.Found> find(String clause) {
        var found = new ArrayList<ArithmeticPhrases.Found>();
        for (var form : FORMS) {
            Matcher m = form.pattern().matcher(clause);
            while (m.find()) {
                var first = operand(m.group(1));
                var second = m.groupCount() >= 2 && m.group(2) != null ? operand(m.group(2)) : Optional.<String>empty();
                if (first.isEmpty() || form.template().contains("$2") && second.isEmpty()) {
                    continue;
                }
                var expression = form.template().replace("$1", first.get()).replace("$2", second.orElse(""));
                found.add(new ArithmeticPhrases.Found(expression, m.group(), m.start(), m.end()));
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

    private static Form form(String regex, String template) {
        return new Form(Words.pattern("\\b" + regex + "\\b"), template);
    }
}
