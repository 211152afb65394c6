package dev.mainstay.sim.world;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Ranks the corpus by word overlap with the query (title words count three times, keywords twice, body once) and
 * always returns {@link #RESULTS} hits, filling up with generic pages about the query when the corpus has fewer.
 */
final class SearchEngine {
    static final int RESULTS = 5;

    /** A ranked hit, with the score SearXNG would report. */
    record Hit(Document document, double score) {}

    private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "of", "in", "on", "for", "is", "are", "was",
            "what", "who", "which", "how", "when", "where", "to", "and", "or", "does", "do", "did", "me", "tell",
            "about", "find", "out", "search", "look", "up", "by", "with", "at", "from", "it", "its", "s");

    private final long seed;

    SearchEngine(long seed) {
        this.seed = seed;
    }

    List<Hit> search(String query) {
        var terms = terms(query);
        var scored = new ArrayList<Hit>();
        for (var document : SearchCorpus.DOCUMENTS) {
            double score = 3 * overlap(terms, document.title()) + 2 * overlap(terms, document.keywords())
                    + overlap(terms, document.content());
            if (score > 0) {
                scored.add(new Hit(document, score));
            }
        }
        scored.sort(Comparator.comparingDouble(Hit::score).reversed());
        var hits = new ArrayList<>(scored.subList(0, Math.min(RESULTS, scored.size())));
        var generic = generic(query);
        for (int i = 0; hits.size() < RESULTS; i++) {
            hits.add(new Hit(generic.get(i), 0.1));
        }
        return hits;
    }

    /** Generic pages about the query; the seed picks the order of the sites. */
    private List<Document> generic(String query) {
        var topic = query.strip();
        var slug = URLEncoder.encode(Fold.fold(topic).replace(' ', '-'), StandardCharsets.UTF_8);
        var pages = new ArrayList<>(List.of(
                new Document(topic + " - Overview", "https://example.org/wiki/" + slug,
                        "An overview of " + topic + ": background, key facts and related topics.", ""),
                new Document(topic + " explained", "https://example.com/guides/" + slug,
                        "A plain-language guide to " + topic + " with examples and frequently asked questions.", ""),
                new Document("Latest on " + topic, "https://news.example.net/topics/" + slug,
                        "Recent news and analysis about " + topic + ".", ""),
                new Document(topic + " - Questions and answers", "https://answers.example.org/q/" + slug,
                        "Community answers to common questions about " + topic + ".", ""),
                new Document(topic + " - Reference", "https://reference.example.com/" + slug,
                        "Reference material and sources on " + topic + ".", "")));
        var random = new SplittableRandom(Fold.mix(seed, Fold.hash(Fold.fold(topic))));
        for (int i = pages.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            var swap = pages.get(i);
            pages.set(i, pages.get(j));
            pages.set(j, swap);
        }
        return pages;
    }

    private static double overlap(Set<String> terms, String text) {
        var words = terms(text);
        return terms.stream().filter(words::contains).count();
    }

    private static Set<String> terms(String text) {
        return Arrays.stream(Fold.fold(text).split(" "))
                .filter(word -> !word.isEmpty() && !STOPWORDS.contains(word))
                .map(SearchEngine::stem)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
