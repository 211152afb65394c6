package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds arithmetic in ordinary phrasing ("17.5% of 2,340", "17 times 23", "sqrt of 144", "2 to the power of 10") and
 * renders it as an expression EvalEx evaluates ({@code 17.5/100*2340}, {@code 17*23}, {@code SQRT(144)},
 * {@code 2^10}); numbers may be words ("twelve times seven"), and verbs work too ({@link ArithmeticVerbs}: "divide 100
 * by 7"). The text is cut into tokens; every run of tokens between ordinary words is parsed with a small
 * recursive-descent grammar, and only runs that use an operator count, so "the next 3 days" is not arithmetic.
 */
final class ArithmeticPhrases {
    /** An expression found in a clause: {@code start..end} are character offsets of the user's wording. */
    record Found(String expression, String display, int start, int end) {}

    private enum Kind { NUM, WORD_NUM, CONSTANT, PLUS, MINUS, TIMES, DIVIDE, POWER, LPAREN, RPAREN, PERCENT_OF, PERCENT, SQRT, SQUARED,
        CUBED, BREAK }

    private record Token(Kind kind, String text, int start, int end) {}

    private record Rule(Kind kind, Pattern pattern) {}

    /** Pi to the calculator's 34 significant digits, written out so any evaluator reads it. */
    static final String PI = "3.141592653589793238462643383279503";
    /** Currency signs are read past: "15% of $80" is 15% of 80. */
    private static final String CURRENCY = "$€£¥";
    private static final String NUMBER = "-?(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?!\\d)|\\d+(?:\\.\\d+)?)";

    private static final List<Rule> RULES = List.of(
            new Rule(Kind.BREAK, Words.pattern("\\d{4}-\\d{1,2}-\\d{1,2}\\b")), // a date, not a subtraction
            new Rule(Kind.BREAK, Words.pattern("(?<=\\p{L})-")), // a hyphen, as in "covid-19"
            new Rule(Kind.NUM, Words.pattern("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?!\\d)|\\d+(?:\\.\\d+)?|\\.\\d+")),
            new Rule(Kind.PERCENT_OF, Words.pattern("%\\s*of\\b|(?:percent|per\\s+cent)\\s+of\\b")),
            new Rule(Kind.PERCENT, Words.pattern("%|percent\\b|per\\s+cent\\b")),
            new Rule(Kind.POWER, Words.pattern(
                    "\\*\\*|\\^|to\\s+the\\s+power\\s+of\\b|to\\s+the\\s+power\\b|raised\\s+to(?:\\s+the\\s+power\\s+of)?\\b")),
            new Rule(Kind.PLUS, Words.pattern("\\+|plus\\b|added\\s+to\\b")),
            new Rule(Kind.MINUS, Words.pattern("-|−|minus\\b")),
            new Rule(Kind.TIMES, Words.pattern("\\*|×|·|times\\b|multiplied\\s+by\\b|x(?=\\s*[\\d(.])")),
            new Rule(Kind.DIVIDE, Words.pattern("/|÷|divided\\s+by\\b")),
            new Rule(Kind.LPAREN, Words.pattern("\\(")),
            new Rule(Kind.RPAREN, Words.pattern("\\)")),
            new Rule(Kind.WORD_NUM, NumberWords.NUMBER),
            new Rule(Kind.CONSTANT, Words.pattern("\\bpi\\b|π")),
            new Rule(Kind.SQRT, Words.pattern("square\\s+root\\s+of\\b|square\\s+root\\b|sqrt\\s+of\\b|sqrt\\b|√")),
            new Rule(Kind.SQUARED, Words.pattern("squared\\b")),
            new Rule(Kind.CUBED, Words.pattern("cubed\\b")),
            new Rule(Kind.BREAK, Words.pattern("[\\w'’]+|\\S")));

    private ArithmeticPhrases() {}

    /** "round 3.14159 to 2 places", "what is 2,345.678 rounded to the nearest ten": a lone number to round. */
    private static final Pattern ROUND_NUMBER = Words.pattern(
            "\\bround(?:\\s+off)?\\s+(?<a>" + NUMBER + "|pi\\b|π)(?![\\d.,]*\\s*[-+*/x×÷^%])|(?<b>" + NUMBER
                    + "|pi|π)\\s+rounded\\b|(?<c>\\bpi\\b|π)(?=.*\\b(?:places?|decimals?|digits?|dp|significant|sig)\\b)");

    /** The expressions in a clause, in textual order; empty when it holds no arithmetic. */
    static List<Found> find(String clause) {
        var found = expressions(clause);
        if (found.isEmpty()) {
            found.addAll(ArithmeticVerbs.find(clause));
        }
        if (found.isEmpty()) {
            var round = ROUND_NUMBER.matcher(clause);
            if (round.find()) {
                var group = round.group("a") != null ? "a" : round.group("b") != null ? "b" : "c";
                var number = round.group(group).replace(",", "");
                found.add(new Found(number.matches("(?i)pi|π") ? PI : number, round.group(group), round.start(group),
                        round.end(group)));
            }
        }
        return found;
    }

    private static List<Found> expressions(String clause) {
        var tokens = lex(clause);
        var found = new ArrayList<Found>();
        int i = 0;
        while (i < tokens.size()) {
            if (tokens.get(i).kind() == Kind.BREAK) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < tokens.size() && tokens.get(runEnd).kind() != Kind.BREAK) {
                runEnd++;
            }
            int start = i;
            while (start < runEnd) {
                var parser = new Parser(tokens, start, runEnd);
                var expression = parser.parse();
                if (expression != null && parser.usedOperator && (parser.operands >= 2 || parser.usedFunction)
                        && parser.pos > start) {
                    var display = clause.substring(tokens.get(start).start(), tokens.get(parser.pos - 1).end());
                    found.add(new Found(expression, display, tokens.get(start).start(), tokens.get(parser.pos - 1).end()));
                    start = parser.pos;
                } else {
                    start++;
                }
            }
            i = runEnd;
        }
        return found;
    }

    private static List<Token> lex(String text) {
        var tokens = new ArrayList<Token>();
        int pos = 0;
        while (pos < text.length()) {
            if (Character.isWhitespace(text.charAt(pos)) || CURRENCY.indexOf(text.charAt(pos)) >= 0) {
                pos++;
                continue;
            }
            for (var rule : RULES) {
                var m = rule.pattern().matcher(text).region(pos, text.length())
                        .useTransparentBounds(true).useAnchoringBounds(false);
                if (m.lookingAt()) {
                    var kind = rule.kind() == Kind.WORD_NUM || rule.kind() == Kind.CONSTANT ? Kind.NUM : rule.kind();
                    var value = switch (rule.kind()) {
                        case NUM -> m.group().replace(",", "");
                        case CONSTANT -> PI;
                        case WORD_NUM -> NumberWords.value(m.group()).map(String::valueOf).orElse(m.group());
                        default -> m.group();
                    };
                    tokens.add(new Token(kind, value, pos, m.end()));
                    pos = m.end();
                    break;
                }
            }
        }
        return tokens;
    }

    /** Recursive descent over one run of tokens; {@link #parse()} returns null when the run does not parse. */
    private static final class Parser {
        private final List<Token> tokens;
        private final int end;
        int pos;
        boolean usedOperator;
        /** Numbers read, and whether a function (square root, squared, cubed) was: "15%" alone is no calculation. */
        int operands;
        boolean usedFunction;

        Parser(List<Token> tokens, int start, int end) {
            this.tokens = tokens;
            this.pos = start;
            this.end = end;
        }

        String parse() {
            try {
                return expression();
            } catch (NoParse e) {
                return null;
            }
        }

        private String expression() {
            var left = term();
            while (at(Kind.PLUS) || at(Kind.MINUS)) {
                var op = next().kind() == Kind.PLUS ? "+" : "-";
                if (atBarePercentage()) {
                    // "80 plus 15%" means 15% more than 80, not 80.15
                    var rate = next().text();
                    next();
                    operands++;
                    left = (left.matches("[\\d.]+") ? left : "(" + left + ")") + "*(1" + op + rate + "/100)";
                } else {
                    left = left + op + term();
                }
                usedOperator = true;
            }
            return left;
        }

        private String term() {
            var left = unary();
            while (at(Kind.TIMES) || at(Kind.DIVIDE) || at(Kind.PERCENT_OF)) {
                var kind = next().kind();
                var right = unary();
                left = switch (kind) {
                    case PERCENT_OF -> left + "/100*" + right;
                    case TIMES -> left + "*" + right;
                    default -> left + "/" + right;
                };
                usedOperator = true;
            }
            return left;
        }

        private String unary() {
            if (at(Kind.MINUS)) {
                next();
                var operand = unary();
                // EvalEx binds unary minus tighter than ^, so negate anything but a plain number in parentheses.
                return operand.matches("[\\d.]+") ? "-" + operand : "-(" + operand + ")";
            }
            if (at(Kind.PLUS)) {
                next();
                return unary();
            }
            return power();
        }

        private String power() {
            var base = postfix();
            if (at(Kind.POWER)) {
                next();
                usedOperator = true;
                return base + "^" + unary();
            }
            return base;
        }

        private String postfix() {
            var value = primary();
            while (at(Kind.SQUARED) || at(Kind.CUBED) || at(Kind.PERCENT)) {
                var kind = next().kind();
                usedOperator = true;
                usedFunction |= kind != Kind.PERCENT;
                value = switch (kind) {
                    case SQUARED -> value + "^2";
                    case CUBED -> value + "^3";
                    default -> "(" + value + "/100)";
                };
            }
            return value;
        }

        private String primary() {
            if (pos >= end) {
                throw NoParse.INSTANCE;
            }
            var token = next();
            return switch (token.kind()) {
                case NUM -> {
                    operands++;
                    yield token.text();
                }
                case LPAREN -> {
                    var inner = expression();
                    if (!at(Kind.RPAREN)) {
                        throw NoParse.INSTANCE;
                    }
                    next();
                    yield "(" + inner + ")";
                }
                case SQRT -> {
                    usedOperator = true;
                    usedFunction = true;
                    var argument = primary();
                    yield argument.startsWith("(") ? "SQRT" + argument : "SQRT(" + argument + ")";
                }
                default -> throw NoParse.INSTANCE;
            };
        }

        /** A number and a percent sign that end the term: "15%" in "80 plus 15%", not in "80 plus 15% of 20". */
        private boolean atBarePercentage() {
            if (!at(Kind.NUM) || pos + 1 >= end || tokens.get(pos + 1).kind() != Kind.PERCENT) {
                return false;
            }
            int after = pos + 2;
            return after >= end || tokens.get(after).kind() == Kind.PLUS || tokens.get(after).kind() == Kind.MINUS
                    || tokens.get(after).kind() == Kind.RPAREN;
        }

        private boolean at(Kind kind) {
            return pos < end && tokens.get(pos).kind() == kind;
        }

        private Token next() {
            return tokens.get(pos++);
        }
    }

    /** Control flow inside the parser only; never escapes {@link Parser#parse()}. */
    private static final class NoParse extends RuntimeException {
        static final NoParse INSTANCE = new NoParse();

        private NoParse() {
            super(null, null, false, false);
        }
    }
}
