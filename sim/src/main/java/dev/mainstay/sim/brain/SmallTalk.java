package dev.mainstay.sim.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Plain answers for messages that ask for no tool: greetings, thanks, "what can you do", and anything else. The
 * wording is picked deterministically from the seed and the message, so different seeds sound a little different.
 */
final class SmallTalk {
    private static final Pattern GREETING = Words.pattern(
            "^\\s*(?:hi|hello|hey|hiya|howdy|greetings|good\\s+(?:morning|afternoon|evening|day)|yo)\\b");
    private static final Pattern THANKS = Words.pattern("\\b(?:thanks|thank\\s+you|thx|cheers|much\\s+appreciated)\\b");
    private static final Pattern ABOUT = Words.pattern(
            "\\b(?:what\\s+can\\s+you\\s+do|who\\s+are\\s+you|what\\s+are\\s+you|help\\s+me|^\\s*help\\b|your\\s+capabilities)");
    private static final Pattern HOW_ARE_YOU = Words.pattern(
            "\\bhow(?:\\s+are\\s+(?:you|things)|\\s+is\\s+it\\s+going|['’]s\\s+(?:it\\s+going|things|life)|\\s+do\\s+you\\s+do)\\b");
    private static final Pattern BYE = Words.pattern("^\\s*(?:bye|goodbye|see\\s+you|good\\s*night)\\b");

    private static final List<String> GREETINGS = List.of("Hello! ", "Hi there! ", "Hello, nice to meet you. ");
    private static final List<String> WELCOMES = List.of("You're welcome!", "Happy to help!", "Any time!");
    private static final List<String> UNKNOWN = List.of(
            "I'm the Mainstay simulator's scripted model, so I can't answer that from my own knowledge.",
            "That's outside what this simulated model can answer on its own.",
            "I'm a simulated model and don't have an answer to that.");

    private SmallTalk() {}

    static String answer(Conversation conversation, long seed) {
        var text = conversation.task();
        int pick = Math.floorMod(Long.hashCode(seed * 31 + text.hashCode()), 3);
        var offer = offer(conversation);
        if (text.isBlank()) {
            return "How can I help you today?" + prefixed(offer);
        }
        if (GREETING.matcher(text).find()) {
            return GREETINGS.get(pick) + "How can I help you today?" + prefixed(offer);
        }
        if (THANKS.matcher(text).find()) {
            return WELCOMES.get(pick);
        }
        if (HOW_ARE_YOU.matcher(text).find()) {
            return "I'm doing well, thanks for asking." + prefixed(offer);
        }
        if (BYE.matcher(text).find()) {
            return "Goodbye!";
        }
        if (ABOUT.matcher(text).find()) {
            return "I'm the Mainstay simulator, a scripted stand-in for a real model." + prefixed(offer);
        }
        return UNKNOWN.get(pick) + prefixed(offer);
    }

    /** What the declared tools let this model do, as one sentence; empty when no tools are declared. */
    static String offer(Conversation conversation) {
        var skills = new ArrayList<String>();
        if (conversation.declares(Intent.CALCULATOR)) {
            skills.add("do calculations");
        }
        if (conversation.declares(Intent.GET_WEATHER)) {
            skills.add("check the weather");
        }
        if (conversation.declares(Intent.WEB_SEARCH)) {
            skills.add("search the web");
        }
        if (conversation.declares(Intent.SAVE_NOTE) || conversation.declares(Intent.READ_NOTE)
                || conversation.declares(Intent.LIST_NOTES)) {
            skills.add("keep notes for you");
        }
        return skills.isEmpty() ? "" : "I can " + Words.joinAnd(skills) + ".";
    }

    private static String prefixed(String sentence) {
        return sentence.isEmpty() ? "" : " " + sentence;
    }
}
