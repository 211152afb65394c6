package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sampling fields of a request, validated as the API does ({@code temperature} and {@code top_p} in [0, 1],
 * {@code top_k} a non-negative integer) and accepted: a deterministic simulator answers the same whatever they say.
 * They matter only to the thinking rules ({@link ThinkingParser}).
 *
 * @param temperature {@code null} when absent
 * @param topP {@code null} when absent
 * @param topK {@code null} when absent
 */
record Sampling(Double temperature, Double topP, Long topK) {
    /** Longest {@code metadata.user_id} the API takes. */
    static final int MAX_USER_ID_CHARS = 256;

    /**
     * Reads {@code temperature}, {@code top_p} and {@code top_k}, and checks {@code metadata} and
     * {@code service_tier}.
     *
     * @throws ApiError 400 naming the first invalid field
     */
    static Sampling read(ObjectNode root) {
        metadata(root.get("metadata"));
        serviceTier(root.get("service_tier"));
        return new Sampling(
                unitInterval(root.get("temperature"), "temperature"),
                unitInterval(root.get("top_p"), "top_p"),
                topK(root.get("top_k")));
    }

    private static Double unitInterval(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiError.invalidRequest(field + ": Input should be a valid number");
        }
        double value = node.doubleValue();
        if (value < 0) {
            throw ApiError.invalidRequest(field + ": Input should be greater than or equal to 0");
        }
        if (value > 1) {
            throw ApiError.invalidRequest(field + ": Input should be less than or equal to 1");
        }
        return value;
    }

    private static Long topK(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiError.invalidRequest("top_k: Input should be a valid integer");
        }
        if (node.longValue() < 0) {
            throw ApiError.invalidRequest("top_k: Input should be greater than or equal to 0");
        }
        return node.longValue();
    }

    private static void metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw ApiError.invalidRequest("metadata: Input should be a valid dictionary");
        }
        for (var field : node.properties()) {
            if (!field.getKey().equals("user_id")) {
                throw ApiError.invalidRequest("metadata." + field.getKey() + ": Extra inputs are not permitted");
            }
            var userId = field.getValue();
            if (userId.isNull()) {
                continue;
            }
            if (!userId.isTextual()) {
                throw ApiError.invalidRequest("metadata.user_id: Input should be a valid string");
            }
            if (userId.textValue().length() > MAX_USER_ID_CHARS) {
                throw ApiError.invalidRequest(
                        "metadata.user_id: String should have at most " + MAX_USER_ID_CHARS + " characters");
            }
        }
    }

    private static void serviceTier(JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isTextual() || !(node.textValue().equals("auto") || node.textValue().equals("standard_only"))) {
            throw ApiError.invalidRequest("service_tier: Input should be 'auto' or 'standard_only'");
        }
    }
}
