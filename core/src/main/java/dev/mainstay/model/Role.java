package dev.mainstay.model;

/** Who wrote a message. */
public enum Role {
    USER("user"),
    ASSISTANT("assistant");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The Messages API spelling. */
    public String wire() {
        return wire;
    }
}
