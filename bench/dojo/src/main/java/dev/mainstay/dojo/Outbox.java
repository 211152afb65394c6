package dev.mainstay.dojo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The messages {@code send_message} sent in one run, in order, keyed by tool_use id. Thread-safe. */
final class Outbox {
    /** A sent message. */
    record Message(String to, String subject, String body, String key) {}

    private final List<Message> sent = new ArrayList<>();

    synchronized Message send(String to, String subject, String body, String key) {
        var existing = find(key);
        if (existing.isPresent()) {
            return existing.get(); // the same call again changes nothing
        }
        var message = new Message(to, subject, body, key);
        sent.add(message);
        return message;
    }

    synchronized Optional<Message> find(String key) {
        return sent.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    synchronized List<Message> sent() {
        return List.copyOf(sent);
    }
}
