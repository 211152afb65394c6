package dev.mainstay.sim.internal;

import java.util.random.RandomGenerator;

/**
 * Ids in the shapes the real API uses ({@code msg_01…}, {@code toolu_01…}, {@code req_011C…}), drawn from a seeded
 * generator so that they repeat for the same seed and request order.
 */
public final class Ids {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Ids() {}

    public static String messageId(RandomGenerator random) {
        return "msg_01" + randomChars(random, 22);
    }

    public static String toolUseId(RandomGenerator random) {
        return "toolu_01" + randomChars(random, 22);
    }

    public static String requestId(RandomGenerator random) {
        return "req_011C" + randomChars(random, 20);
    }

    private static String randomChars(RandomGenerator random, int count) {
        var chars = new char[count];
        for (int i = 0; i < count; i++) {
            chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
