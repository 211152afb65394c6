package dev.mainstay.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Looks for prompt injection in untrusted text. Thread-safe and pure. The built-in {@link #heuristic()} knows the
 * shapes of the published attack templates — "ignore previous instructions", fake system messages, an
 * {@code <INFORMATION>} letter to the model, "before you solve the task…", tool-call recipes — and is as weak as any
 * heuristic against an adaptive attacker: Mainstay treats it as a signal, never as the defence.
 */
@FunctionalInterface
public interface InjectionDetector {
    Detection inspect(String text);

    InjectionDetector NONE = text -> Detection.CLEAN;

    /** The built-in heuristic: weighted patterns, suspected at a score of {@value Heuristic#THRESHOLD} or more. */
    static InjectionDetector heuristic() {
        return Heuristic.INSTANCE;
    }

    /** The built-in heuristic detector. */
    final class Heuristic implements InjectionDetector {
        public static final double THRESHOLD = 1.0;
        static final Heuristic INSTANCE = new Heuristic();

        private record Signal(String name, double weight, Pattern pattern) {}

        private static final List<Signal> SIGNALS = List.of(
                signal("override_instructions", 1.0, "\\b(?:ignore|disregard|forget|override)\\s+(?:all\\s+)?(?:of\\s+)?"
                        + "(?:the\\s+|your\\s+|any\\s+)?(?:previous|prior|above|earlier|former|original)\\s+"
                        + "(?:i\\w*nstructions?|directions|rules|prompts?|guidelines|tasks?)"),
                signal("fake_system_message", 1.0, "###\\s*\\(?\\s*system|<\\|im_start\\|>|\\[/?INST\\]|"
                        + "(?:^|\\n)\\s*(?:system|assistant)\\s*:|<\\s*/?\\s*system\\s*>"),
                signal("information_block", 0.8, "<\\s*/?\\s*information\\s*>|this\\s+is\\s+an\\s+important\\s+message\\s+from"),
                signal("task_hijack", 0.7, "before\\s+you\\s+(?:can\\s+)?(?:solve|do|complete|finish|answer|continue)"
                        + "|after\\s+you\\s+do\\s+that|instead\\s+of\\s+(?:the|your)\\s+(?:task|instructions)"
                        + "|strictly\\s+adhere|new\\s+instructions?"),
                signal("addresses_the_model", 0.5, "\\bto\\s+you,?\\s+(?:the\\s+)?(?:ai|assistant|language\\s+model|claude|gpt|llm)"
                        + "|\\b(?:dear|hey|attention|note\\s+to\\s+the)\\s+(?:ai|assistant|agent|model|claude|llm)\\b"
                        + "|\\byou\\s+are\\s+now\\b"),
                signal("urgency", 0.3, "\\bimportant\\s*!{2,}|\\burgent\\s*[!:]|\\bimmediately\\b"),
                signal("tool_recipe", 1.0, "\\b(?:call|use|invoke|run|execute)\\s+(?:the\\s+)?(?:tool\\s+|function\\s+)?[`'\"]?[a-z]+_[a-z_]+[`'\"]?"
                        + "(?:\\s+tool)?\\s+(?:with|using)\\b"),
                signal("exfiltration", 0.6, "\\b(?:send|forward|email|e-mail|post|upload|transfer)\\b[^.\\n]{0,80}"
                        + "\\bto\\s+\\S+@\\S+|\\b(?:send|forward|post|upload)\\b[^.\\n]{0,80}https?://"),
                signal("concealment", 0.5, "\\b(?:do\\s+not|don't|never)\\s+(?:tell|inform|mention|notify)\\s+(?:the\\s+)?user"
                        + "|without\\s+asking"));

        private static Signal signal(String name, double weight, String regex) {
            return new Signal(name, weight, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }

        private Heuristic() {}

        @Override
        public Detection inspect(String text) {
            if (text == null || text.isEmpty()) {
                return Detection.CLEAN;
            }
            var plain = text.replace(Spotlight.MARK, ' ');
            double score = 0;
            var found = new ArrayList<String>();
            for (var signal : SIGNALS) {
                if (signal.pattern().matcher(plain).find()) {
                    score += signal.weight();
                    found.add(signal.name());
                }
            }
            return found.isEmpty() ? Detection.CLEAN : new Detection(score >= THRESHOLD, score, found);
        }
    }
}
