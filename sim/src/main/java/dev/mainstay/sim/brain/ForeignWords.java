package dev.mainstay.sim.brain;

import java.util.List;
import java.util.Set;

/**
 * Frequent words of German, French, Spanish, Portuguese, Italian and Dutch that are not also English words: the
 * function words any sentence uses and the words of the requests people make of this model (weather, today,
 * tomorrow, how much, note, search). Words that are English too ("die", "was", "also", "me") are left out, and so
 * are the particles of place names ("de", "la", "los", "san"), which English questions contain.
 */
final class ForeignWords {
    static final Set<String> WORDS = Set.copyOf(List.of(
            // German
            "der", "das", "dem", "den", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder", "aber",
            "nicht", "ist", "sind", "bin", "bist", "wird", "werden", "wurde", "kann", "können", "soll", "sollte",
            "muss", "brauche", "brauchen", "ich", "du", "wir", "ihr", "sie", "es", "mir", "mich", "dir", "mein",
            "meine", "meinen", "dein", "wie", "wer", "wo", "wann", "warum", "welche", "welcher", "wieviel", "viel",
            "mit", "für", "auf", "aus", "bei", "nach", "zu", "zum", "zur", "von", "über", "morgen", "heute",
            "wetter", "regen", "regnet", "regenschirm", "jacke", "mantel", "bitte", "danke", "hallo", "guten",
            "tag", "ja", "nein", "suche", "such", "finde", "notiz", "speichere", "merke", "rechne", "gibt", "mach",
            "sag", "wochenende", "kalt", "warm", "wird's", "gewonnen", "hat's", "höchste", "größte", "ob", "noch",
            // French
            "le", "les", "un", "une", "du", "et", "ou", "est", "sont", "suis", "je", "tu", "il", "elle", "nous",
            "vous", "ils", "elles", "mon", "ma", "mes", "ton", "ta", "votre", "quel", "quelle", "quels", "quelles",
            "qui", "que", "quoi", "où", "quand", "comment", "combien", "pourquoi", "avec", "sans", "dans", "sur",
            "pour", "pas", "ne", "ce", "cette", "ces", "demain", "aujourd'hui", "aujourd", "hui", "temps", "météo",
            "pluie", "pleut", "pleuvoir", "parapluie", "manteau", "fait", "fera", "faut", "besoin", "bonjour",
            "merci", "oui", "non", "cherche", "trouve", "recherche", "note", "enregistre", "calcule", "s'il",
            "plaît", "qu'est", "c'est", "y", "au", "aux", "à", "fin", "semaine", "gagné", "froid", "chaud",
            // Spanish
            "el", "lo", "las", "unos", "unas", "es", "son", "está", "estoy", "yo", "tú", "él", "ella", "nosotros",
            "usted", "mi", "mis", "tu", "su", "qué", "quién", "dónde", "cuándo", "cómo", "cuánto", "cuánta",
            "cuál", "por", "para", "con", "sin", "pero", "muy", "mañana", "hoy", "tiempo", "clima", "lluvia",
            "llover", "lloverá", "paraguas", "abrigo", "necesito", "hace", "hará", "hola", "gracias", "sí",
            "busca", "buscar", "encuentra", "guarda", "apunta", "calcula", "dime", "cuanto", "ganó", "frío",
            "calor", "semana", "del", "al", "una", "uno", "va",
            // Portuguese
            "o", "os", "um", "uma", "é", "são", "eu", "você", "ele", "ela", "nós", "meu", "minha", "qual", "quem",
            "onde", "quando", "quanto", "porque", "com", "em", "na", "no", "nos", "nas", "da", "das", "dos", "não",
            "amanhã", "hoje", "previsão", "chuva", "chover", "vai", "preciso", "guarda-chuva", "casaco", "olá",
            "obrigado", "obrigada", "procure", "pesquise", "anote", "salve", "calcule", "ganhou", "frio",
            // Italian
            "il", "gli", "della", "che", "chi", "dove", "perché", "quanto", "sono", "è", "domani", "oggi", "pioverà",
            "piove", "ombrello", "cappotto", "ciao", "grazie", "cerca", "trova", "salva", "calcola", "dimmi",
            "tempo", "vinto", "freddo", "caldo",
            // Dutch
            "het", "een", "en", "niet", "ik", "jij", "wij", "wat", "hoe", "waar", "wanneer", "morgen", "vandaag",
            "weer", "regent", "paraplu", "jas", "nodig", "alsjeblieft", "dank", "bedankt", "zoek", "bewaar",
            "bereken", "heeft", "gewonnen", "koud"));

    private ForeignWords() {}

    static boolean contains(String lowerWord) {
        return WORDS.contains(lowerWord);
    }
}
