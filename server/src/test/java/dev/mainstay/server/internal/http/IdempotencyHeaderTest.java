package dev.mainstay.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.json.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdempotencyHeaderTest {
    @Test
    void theSameRequestWrittenDifferentlyHashesTheSame() {
        var a = Json.parseObject("{\"input\":\"hi\",\"limits\":{\"max_steps\":2,\"deadline\":9}}");
        var b = Json.parseObject("{ \"limits\": {\"deadline\": 9, \"max_steps\": 2}, \"input\": \"hi\" }");

        assertThat(IdempotencyHeader.hash("POST", "/v1/runs", Optional.of(a)))
                .isEqualTo(IdempotencyHeader.hash("POST", "/v1/runs", Optional.of(b)));
    }

    @Test
    void anotherBodyRouteOrMethodIsAnotherRequest() {
        var body = Optional.of(Json.parseObject("{\"input\":\"hi\"}"));
        var hash = IdempotencyHeader.hash("POST", "/v1/runs", body);

        assertThat(IdempotencyHeader.hash("POST", "/v1/runs", Optional.of(Json.parseObject("{\"input\":\"ho\"}"))))
                .isNotEqualTo(hash);
        assertThat(IdempotencyHeader.hash("POST", "/v1/conversations", body)).isNotEqualTo(hash);
        assertThat(IdempotencyHeader.hash("POST", "/v1/runs/a/cancel", Optional.empty()))
                .isNotEqualTo(IdempotencyHeader.hash("POST", "/v1/runs/b/cancel", Optional.empty()));
    }
}
