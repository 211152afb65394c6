package dev.mainstay.sim.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the simulator's thinking blocks and checks the ones clients send back, as the API does: a block whose text
 * was changed, or that the simulator did not write, is refused. A signature is base64 of a version byte and an
 * HMAC-SHA256 of the thinking text under a fixed key, so it is the same for every simulator, seed and run: a
 * conversation recorded against one simulator can be resumed against another. It proves nothing to anyone else;
 * it only makes tampering visible, like the real signature.
 */
final class ThinkingSignatures {
    private static final byte VERSION = 1;
    private static final byte[] KEY = "mainstay-simulator-thinking-signature-v1".getBytes(StandardCharsets.US_ASCII);

    private ThinkingSignatures() {}

    static String sign(String thinking) {
        var mac = mac(thinking);
        var bytes = new byte[mac.length + 1];
        bytes[0] = VERSION;
        System.arraycopy(mac, 0, bytes, 1, mac.length);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Whether {@code signature} is the simulator's signature of {@code thinking}. */
    static boolean verify(String thinking, String signature) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(bytes, Base64.getDecoder().decode(sign(thinking)));
    }

    private static byte[] mac(String thinking) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac.doFinal(thinking.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
