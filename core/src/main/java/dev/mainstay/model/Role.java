package dev.mainstay.model;

/** Who wrote a message. */
public enum Role {
    USER("user"),
    ASSISTANT("assistant");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The role spelt {@code wire}. @throws IllegalArgumentException for any other spelling */
    public static Role fromWire(String wire) {
        for (var role : values()) {
            if (role.wire.equals(wire)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + wire + "'");
    }

    /** The Messages API spelling. */
    public String wire() {
        return wire;
    }
}
