package dev.mainstay.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets and personal data in text with {@code [REDACTED:<category>]}. Two kinds:
 *
 * <ul>
 *   <li>{@link Kind#SECRET}: Anthropic keys ({@code sk-ant-…}), OpenAI keys ({@code sk-…}), AWS access key ids
 *       ({@code AKIA…}), JWTs, bearer tokens, {@code key=value} assignments of secrets and generic high-entropy
 *       tokens. Always removed from logs, traces and error messages ({@link #secrets()}).
 *   <li>{@link Kind#PERSONAL}: e-mail addresses, phone numbers, card numbers (Luhn-checked) and IBANs (mod-97
 *       checked). Removed from stored content and API responses where a tenant asks for it.
 * </ul>
 *
 * <p>Detectors run in a fixed order, specific before generic, so an IBAN is not taken for a phone number and a
 * key's prefix names its category. Checksums keep ordinary numbers (amounts, dates, ids) out of the card and IBAN
 * categories; the entropy rule skips Mainstay's own ids ({@code run_…}, {@code toolu_…}) and hex digests, so logs
 * stay useful. Immutable and thread-safe.
 */
public final class Redactor {
    /** What a redacted span was. */
    public enum Kind { SECRET, PERSONAL }

    /** The categories, in the order they are looked for. */
    public enum Category {
        ANTHROPIC_KEY(Kind.SECRET), OPENAI_KEY(Kind.SECRET), AWS_KEY(Kind.SECRET), JWT(Kind.SECRET),
        BEARER_TOKEN(Kind.SECRET), SECRET_ASSIGNMENT(Kind.SECRET), IBAN(Kind.PERSONAL), CARD_NUMBER(Kind.PERSONAL),
        EMAIL(Kind.PERSONAL), PHONE(Kind.PERSONAL), HIGH_ENTROPY_SECRET(Kind.SECRET);

        private final Kind kind;

        Category(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        /** The label in {@code [REDACTED:<label>]}, e.g. {@code anthropic_key}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Rule(Category category, Pattern pattern, int group, Predicate<String> accept) {}

    private static final Pattern ID = Pattern.compile("^(?:run|toolu|srvtoolu|msg|req|note|conv|call|ten|key)_");

    private static final List<Rule> RULES = List.of(
            rule(Category.ANTHROPIC_KEY, "sk-ant-[A-Za-z0-9_\\-]{8,}"),
            rule(Category.OPENAI_KEY, "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,}"),
            rule(Category.AWS_KEY, "\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b"),
            rule(Category.JWT, "\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
            new Rule(Category.BEARER_TOKEN, Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/\\-]{8,}=*)"), 1, t -> true),
            new Rule(Category.SECRET_ASSIGNMENT, Pattern.compile("(?i)\\b(?:api[_-]?key|x-api-key|secret|token|password"
                    + "|passwd|access[_-]?key|client[_-]?secret|authorization)\\b[\"']?\\s*[:=]\\s*[\"']?"
                    + "([^\\s\"',;\\[]{6,})"), 1, t -> !t.startsWith("[REDACTED")),
            new Rule(Category.IBAN, Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b"), 0, Redactor::validIban),
            new Rule(Category.CARD_NUMBER, Pattern.compile("(?<![\\w-])(?:\\d[ -]?){12,18}\\d(?![\\w-])"), 0,
                    Redactor::luhn),
            rule(Category.EMAIL, "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}"),
            new Rule(Category.PHONE, Pattern.compile("(?<![\\w.:/-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?"
                    + "\\d{2,4}(?:[ .-]?\\d{2,4}){2,4}(?![\\w.:/-])"), 0, Redactor::phoneLike),
            new Rule(Category.HIGH_ENTROPY_SECRET, Pattern.compile("(?<![A-Za-z0-9+/_\\-])[A-Za-z0-9+/_\\-]{32,}={0,2}"),
                    0, Redactor::highEntropy));

    private static final Redactor SECRETS = new Redactor(EnumSet.of(Kind.SECRET));
    private static final Redactor ALL = new Redactor(EnumSet.allOf(Kind.class));
    private static final Redactor NONE = new Redactor(EnumSet.noneOf(Kind.class));

    private final Set<Kind> kinds;
    private final List<Rule> rules;

    private Redactor(Set<Kind> kinds) {
        this.kinds = Set.copyOf(kinds);
        this.rules = RULES.stream().filter(r -> this.kinds.contains(r.category().kind())).toList();
    }

    /** Secrets only: what logs, traces and error messages always get. */
    public static Redactor secrets() {
        return SECRETS;
    }

    /** Secrets and personal data. */
    public static Redactor all() {
        return ALL;
    }

    /** Nothing: text is kept as it is. */
    public static Redactor none() {
        return NONE;
    }

    public static Redactor of(Set<Kind> kinds) {
        return kinds.isEmpty() ? NONE : kinds.containsAll(EnumSet.allOf(Kind.class)) ? ALL
                : kinds.equals(EnumSet.of(Kind.SECRET)) ? SECRETS : new Redactor(kinds);
    }

    public Set<Kind> kinds() {
        return kinds;
    }

    public boolean isNone() {
        return rules.isEmpty();
    }

    /** {@code text} with every span of the configured kinds replaced; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty() || rules.isEmpty()) {
            return text;
        }
        var result = text;
        for (var rule : rules) {
            result = apply(rule, result);
        }
        return result;
    }

    /** A copy of {@code node} with every string value redacted, field names kept. */
    public JsonNode redact(JsonNode node) {
        if (rules.isEmpty() || node == null) {
            return node;
        }
        return switch (node) {
            case TextNode text -> TextNode.valueOf(redact(text.textValue()));
            case ObjectNode object -> {
                var copy = object.objectNode();
                object.properties().forEach(e -> copy.set(e.getKey(), redact(e.getValue())));
                yield copy;
            }
            case ArrayNode array -> {
                var copy = array.arrayNode();
                array.forEach(e -> copy.add(redact(e)));
                yield copy;
            }
            default -> node.deepCopy();
        };
    }

    /** Whether {@code text} holds anything this redactor would replace. */
    public boolean finds(String text) {
        return text != null && !Objects.equals(redact(text), text);
    }

    private static String apply(Rule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        if (!m.find()) {
            return text;
        }
        var out = new StringBuilder(text.length());
        int last = 0;
        do {
            var span = m.group(rule.group());
            if (rule.accept().test(span)) {
                out.append(text, last, m.start(rule.group())).append("[REDACTED:").append(rule.category().label())
                        .append(']');
                last = m.end(rule.group());
            }
        } while (m.find());
        if (last == 0) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    private static Rule rule(Category category, String regex) {
        return new Rule(category, Pattern.compile(regex), 0, t -> true);
    }

    static boolean luhn(String candidate) {
        var digits = candidate.replaceAll("[ -]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    static boolean validIban(String candidate) {
        var iban = candidate.replace(" ", "");
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        var rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    private static boolean phoneLike(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        boolean separated = candidate.startsWith("+") || candidate.contains("(") || candidate.matches(".*\\d[ .-]\\d.*");
        return digits >= 9 && digits <= 15 && separated;
    }

    /** A capitalised or lower-case word, a run of digits. */
    private static final Pattern WORD_OR_NUMBER = Pattern.compile("[A-Z]?[a-z]{2,}|[A-Z]{2,5}(?![a-z])|[0-9]+");
    private static final Pattern CONSONANT_RUN = Pattern.compile("[b-df-hj-np-tv-xz]{5,}", Pattern.CASE_INSENSITIVE);

    /**
     * Whether {@code token} is built of pronounceable words and numbers joined by separators or CamelCase (thread
     * names, class names, hostnames): every piece a word with a vowel and no run of five consonants, or a number.
     * Random keys fail it: they have single letters between digits, case flips inside a piece, consonant runs.
     */
    private static boolean wordsAndNumbers(String token) {
        for (var segment : token.split("[-_/+.=]+")) {
            if (segment.isEmpty()) {
                continue;
            }
            var m = WORD_OR_NUMBER.matcher(segment);
            int at = 0;
            while (m.find() && m.start() == at) {
                var piece = m.group();
                boolean word = !piece.chars().allMatch(Character::isUpperCase) && Character.isLetter(piece.charAt(0));
                if (word && (!piece.matches("(?i).*[aeiouy].*") || CONSONANT_RUN.matcher(piece).find())) {
                    return false;
                }
                at = m.end();
            }
            if (at != segment.length()) {
                return false;
            }
        }
        return true;
    }

    private static boolean highEntropy(String token) {
        if (ID.matcher(token).find() || token.startsWith("[REDACTED")) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        int[] counts = new int[128];
        for (char c : token.toCharArray()) {
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
            if (c < 128) {
                counts[c]++;
            }
        }
        if (!(upper && lower && digit)) {
            return false; // hex digests, words joined by dashes, numbers
        }
        if (wordsAndNumbers(token)) {
            return false; // an identifier made of words: JettyServerThreadPool-Virtual-123, not a key
        }
        double entropy = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / token.length();
                entropy -= p * (Math.log(p) / Math.log(2));
            }
        }
        return entropy >= 4.0;
    }
}
