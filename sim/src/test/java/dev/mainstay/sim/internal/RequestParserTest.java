package dev.mainstay.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.model.TextBlock;
import dev.mainstay.promptcache.CacheBreakpoint;
import dev.mainstay.promptcache.CacheTtl;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    private static WireRequest parse(String json) {
        return RequestParser.parse(json.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void readsASystemPromptGivenAsAString() {
        var wire = parse("""
                {"model":"m","max_tokens":5,"system":"Be brief.","messages":[{"role":"user","content":"hi"}]}
                """);

        assertThat(wire.request().system()).isEqualTo("Be brief.");
        assertThat(wire.systemBlocks()).containsExactly("Be brief.");
        assertThat(wire.request().messages().getFirst().content()).containsExactly(new TextBlock("hi"));
        assertThat(wire.request().stream()).isFalse();
        assertThat(wire.breakpoints()).isEmpty();
        assertThat(wire.request().cacheSystemPrompt()).isFalse();
    }

    @Test
    void remembersWhereTheCacheMarkersAreInPrefixOrder() {
        var wire = parse("""
                {"model":"m","max_tokens":5,"stream":true,
                 "tools":[{"name":"a","input_schema":{"type":"object"}},
                          {"name":"b","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "system":[{"type":"text","text":"one"},
                           {"type":"text","text":"two","cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "messages":[{"role":"user","content":[{"type":"text","text":"x"},
                             {"type":"text","text":"y","cache_control":{"type":"ephemeral"}}]}]}
                """);

        assertThat(wire.breakpoints()).containsExactly(
                CacheBreakpoint.tool(1, CacheTtl.ONE_HOUR),
                CacheBreakpoint.system(1, CacheTtl.ONE_HOUR),
                CacheBreakpoint.block(0, 1, CacheTtl.FIVE_MINUTES));
        assertThat(wire.request().cacheSystemPrompt()).isTrue();
        assertThat(wire.request().system()).isEqualTo("one\ntwo");
        assertThat(wire.request().stream()).isTrue();
        assertThat(wire.request().tools()).extracting(t -> t.name()).containsExactly("a", "b");
    }

    @Test
    void refusesDuplicateToolNamesAndServerTools() {
        assertThatThrownBy(() -> parse("""
                {"model":"m","max_tokens":5,"tools":[{"name":"a","input_schema":{"type":"object"}},
                 {"name":"a","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"hi"}]}
                """)).isInstanceOf(ApiError.class).hasMessage("tools: Tool names must be unique.");
        assertThatThrownBy(() -> parse("""
                {"model":"m","max_tokens":5,"tools":[{"type":"web_search_20250305","name":"web_search"}],
                 "messages":[{"role":"user","content":"hi"}]}
                """)).isInstanceOf(ApiError.class).hasMessageContaining("only custom tools");
    }

    @Test
    void neverQuotesTheBodyInAParseError() {
        assertThatThrownBy(() -> parse("{\"model\":\"sk-secret-looking\", oops}"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("invalid JSON at line 1").doesNotContain("sk-secret");
                });
    }
}
