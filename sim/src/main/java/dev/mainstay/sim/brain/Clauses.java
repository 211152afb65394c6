package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a message into the clauses a person would read as separate requests: at sentence ends, semicolons and line
 * breaks, at the conjunctions that chain requests ("and", "then", "also", "and then", "after that", "afterwards")
 * except between two numbers ("the sum of 3 and 4"), and at a comma that opens a new request ("…, what's the
 * weather…", "…, jot it down"). "And" inside one request ("salt and pepper") is cut too; the parser glues such
 * pieces back onto the request before them.
 *
 * <p>Each clause keeps the separator that preceded it and loses leading fillers ("then", "also", "please", "could
 * you"), so the request grammars see the request itself.
 */
final class Clauses {
    /** One clause and the separator text before it ("" for the first). */
    record Piece(String separator, String clause) {}

    private static final String CHAIN = "(?:and\\s+then|and\\s+also|and\\s+afterwards|and\\s+after\\s+that|and|then"
            + "|also|after\\s+that|afterwards)";
    /** "and" between two numbers ("the sum of 3 and 4") joins operands, not requests. */
    private static final String NUMBER_WORD = "(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
            + "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
            + "|eighty|ninety|hundred|thousand|million)";
    private static final String NUMBER_END = "(?:\\d|\\b" + NUMBER_WORD + ")";
    private static final String NUMBER_START = "(?:-?\\d|" + NUMBER_WORD + "\\b)";
    private static final Pattern SEPARATOR = Words.pattern(
            "(?<!\\b(?:St|Mt|Dr|Mr|Mrs|Ms|Ft|vs|etc|e\\.g|i\\.e))[.!?;]+(?:\\s+|$)"
                    + "|,\\s*" + CHAIN + "\\s+"
                    + "|(?<!" + NUMBER_END + ")\\s+" + CHAIN + "\\s+|\\s+" + CHAIN + "\\s+(?!" + NUMBER_START + ")"
                    + "|,\\s+(?=(?:what|what's|what’s|how|how's|is|are|will|would|should|do|does|can|could|search|look"
                    + "|find|google|save|remember|note|jot|write|take|calculate|compute|work|list|read|show|check|get"
                    + "|tell|give|round|store|keep|record|put|add|make)\\b)"
                    + "|\\s+[-–—]\\s+(?=(?:and|then|also|what|how|is|will|should|do|can|save|note|jot|remember)\\b)"
                    + "|\\n+");
    private static final Pattern FILLER = Words.pattern(
            "^(?:(?:and|then|also|plus|after\\s+that|afterwards|please|kindly|ok(?:ay)?|so|oh|hey|hi|hello"
                    + "|could\\s+you|can\\s+you|would\\s+you|will\\s+you|i'd\\s+like\\s+you\\s+to|i\\s+want\\s+you\\s+to"
                    + "|i\\s+need\\s+you\\s+to)\\b[\\s,:]*"
                    + "|(?:next|now|finally|lastly|first(?:ly)?|second(?:ly)?)\\s*,\\s*)+");

    private Clauses() {}

    static List<Piece> split(String text) {
        var pieces = new ArrayList<Piece>();
        var m = SEPARATOR.matcher(text);
        int from = 0;
        String separator = "";
        while (m.find()) {
            add(pieces, separator, text.substring(from, m.start()) + sentenceEnd(m.group()));
            separator = m.group();
            from = m.end();
        }
        add(pieces, separator, text.substring(from));
        return pieces;
    }

    /** The clause without leading fillers: "then please jot it down" → "jot it down". */
    static String withoutFillers(String clause) {
        var stripped = FILLER.matcher(clause.strip()).replaceFirst("");
        return stripped.isBlank() ? clause.strip() : stripped;
    }

    /** Keeps a question mark on the clause it ends, so "…tomorrow?" still reads as a question. */
    private static String sentenceEnd(String separator) {
        return separator.strip().startsWith("?") ? "?" : "";
    }

    private static void add(List<Piece> pieces, String separator, String clause) {
        if (!clause.isBlank() && !Words.trimEnd(clause).isEmpty()) {
            pieces.add(new Piece(separator, clause.strip()));
        }
    }
}
