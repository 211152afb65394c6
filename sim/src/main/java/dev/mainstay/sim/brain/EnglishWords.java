package dev.mainstay.sim.brain;

import java.util.List;
import java.util.Set;

/**
 * A small lexicon of common English words: function words, the verbs and nouns of requests to this model, and
 * everyday words. {@link Language} counts them to tell English from other languages, and the weather parser uses
 * them to tell a place name ("Toronto") from an ordinary capitalised word ("Will", "Should").
 */
final class EnglishWords {
    static final Set<String> WORDS = Set.copyOf(List.of(
            // function words
            "a", "an", "the", "this", "that", "these", "those", "some", "any", "all", "each", "every", "no", "not",
            "and", "or", "but", "if", "then", "so", "than", "as", "because", "also", "too", "very", "just", "only",
            "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "about", "into", "over", "under",
            "after", "before", "during", "between", "near", "around", "up", "down", "out", "off", "again", "there",
            "here", "where", "when", "what", "which", "who", "whom", "whose", "why", "how", "whether", "while",
            "i", "me", "my", "mine", "you", "your", "yours", "he", "him", "his", "she", "her", "it", "its", "we",
            "us", "our", "they", "them", "their", "is", "am", "are", "was", "were", "be", "been", "being", "do",
            "does", "did", "done", "have", "has", "had", "will", "would", "shall", "should", "can", "could", "may",
            "might", "must", "ought", "let", "lets", "let's", "i'm", "i'd", "i'll", "i've", "it's", "what's",
            "how's", "that's", "there's", "don't", "doesn't", "isn't", "aren't", "won't", "can't", "didn't",
            "please", "thanks", "thank", "hello", "hi", "hey", "yes", "ok", "okay", "much", "many", "more", "most",
            "less", "few", "other", "another", "same", "such", "own", "next", "last", "first", "second", "right",
            "now", "today", "tonight", "tomorrow", "yesterday", "week", "weekend", "day", "days", "morning",
            "afternoon", "evening", "night", "time", "year", "years", "month",
            // request verbs and their objects
            "what", "tell", "give", "show", "find", "search", "look", "lookup", "google", "check", "get", "make",
            "calculate", "compute", "work", "figure", "solve", "round", "rounded", "add", "plus", "minus", "times",
            "divided", "multiplied", "percent", "percentage", "square", "root", "squared", "cubed", "power",
            "decimal", "decimals", "places", "place", "digits", "significant", "figures", "nearest", "whole",
            "number", "numbers", "save", "note", "notes", "jot", "write", "remember", "forget", "store", "keep",
            "record", "list", "read", "open", "answer", "result", "results", "title", "titled", "called", "named",
            "weather", "forecast", "rain", "raining", "rainy", "snow", "snowing", "sunny", "sun", "wind", "windy",
            "cold", "hot", "warm", "cool", "chilly", "temperature", "umbrella", "coat", "jacket", "sweater",
            "sunscreen", "sunglasses", "wear", "bring", "take", "pack", "need", "want", "like", "know", "think",
            "say", "says", "said", "use", "help", "ask", "call", "send", "book", "buy", "order", "play", "set",
            "go", "going", "come", "see", "try", "put", "out", "web", "online", "internet", "news", "latest",
            // everyday words
            "good", "bad", "best", "big", "small", "tall", "tallest", "high", "highest", "long", "longest", "old",
            "new", "large", "largest", "far", "fast", "city", "country", "world", "people", "population", "capital",
            "building", "mountain", "river", "ocean", "who", "won", "win", "invented", "wrote", "discovered",
            "built", "is", "cost", "price", "money", "dollars", "euros", "cents", "meeting", "code", "trip", "way",
            "thing", "things", "something", "anything", "nothing", "everything", "joke", "meaning", "life", "name",
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred", "thousand"));

    private EnglishWords() {}

    static boolean contains(String lowerWord) {
        return WORDS.contains(lowerWord);
    }
}
