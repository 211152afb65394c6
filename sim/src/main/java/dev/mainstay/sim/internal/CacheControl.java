package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a {@code cache_control} marker: absent, or {@code {"type":"ephemeral"}} with an optional {@code ttl}. */
final class CacheControl {
    private CacheControl() {}

    /**
     * @return whether {@code item} carries a cache marker
     * @throws ApiError 400 for a malformed marker
     */
    static boolean isMarked(JsonNode item, String path) {
        var marker = item.get("cache_control");
        if (marker == null || marker.isNull()) {
            return false;
        }
        if (!marker.isObject() || !"ephemeral".equals(marker.path("type").asText())) {
            throw ApiError.invalidRequest(path + ".cache_control.type: Input should be 'ephemeral'");
        }
        var ttl = marker.get("ttl");
        if (ttl != null && !ttl.isNull() && !"5m".equals(ttl.asText()) && !"1h".equals(ttl.asText())) {
            throw ApiError.invalidRequest(path + ".cache_control.ttl: Input should be '5m' or '1h'");
        }
        return true;
    }
}
