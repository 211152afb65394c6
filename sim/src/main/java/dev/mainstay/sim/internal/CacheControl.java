package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.promptcache.CacheTtl;
import java.util.Optional;

/** Reads a {@code cache_control} marker: absent, or {@code {"type":"ephemeral"}} with an optional {@code ttl}. */
final class CacheControl {
    private CacheControl() {}

    /**
     * @return the TTL of the marker {@code item} carries ({@code 5m} when it names none); empty for no marker
     * @throws ApiError 400 for a malformed marker
     */
    static Optional<CacheTtl> marker(JsonNode item, String path) {
        var marker = item.get("cache_control");
        if (marker == null || marker.isNull()) {
            return Optional.empty();
        }
        if (!marker.isObject() || !"ephemeral".equals(marker.path("type").asText())) {
            throw ApiError.invalidRequest(path + ".cache_control.type: Input should be 'ephemeral'");
        }
        var ttl = marker.get("ttl");
        if (ttl == null || ttl.isNull()) {
            return Optional.of(CacheTtl.FIVE_MINUTES);
        }
        return Optional.of(CacheTtl.fromWire(ttl.asText()).orElseThrow(
                () -> ApiError.invalidRequest(path + ".cache_control.ttl: Input should be '5m' or '1h'")));
    }
}
