package dev.mainstay.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.models.messages.ContentBlock;
import dev.mainstay.json.Json;
import dev.mainstay.model.RawBlock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a block Mainstay does not model is captured; whole responses are {@link ContentBlockFidelityTest}'s. */
class ResponseMapperTest {
    @Test
    void aBlockReadFromTheWireIsKeptAsItsOwnJson() {
        var wire = Json.parseObject("{\"type\":\"holo_gram\",\"frames\":[1,2],\"caption\":null}");

        var raw = ResponseMapper.raw(Optional.of(JsonValue.fromJsonNode(wire)), null);

        assertThat(raw).isEqualTo(new RawBlock("holo_gram", wire));
    }

    @Test
    void aBlockBuiltInCodeIsSerializedByTheSdk() {
        var raw = ResponseMapper.raw(Optional.empty(), ContentBlock.ofContainerUpload("file_01"));

        assertThat(raw.type()).isEqualTo("container_upload");
        assertThat(raw.json()).isEqualTo(Json.parse("{\"type\":\"container_upload\",\"file_id\":\"file_01\"}"));
    }

    @Test
    void aBlockWithoutATypeIsAnUnreadableResponse() {
        var typeless = JsonValue.fromJsonNode(Json.parseObject("{\"frames\":[]}"));

        assertThatThrownBy(() -> ResponseMapper.raw(Optional.of(typeless), null))
                .isInstanceOf(AnthropicInvalidDataException.class)
                .hasMessage("a content block has no type");
    }
}
