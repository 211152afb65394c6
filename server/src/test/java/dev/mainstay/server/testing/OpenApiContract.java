package dev.mainstay.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mainstay.json.Json;
import dev.mainstay.server.internal.http.OpenApiDocument;
import java.util.Locale;

/**
 * Checks real responses against openapi.json: the operation documents the status, the content type, and the body
 * validates against the documented schema (JSON Schema 2020-12, the dialect of OpenAPI 3.1). A response the document
 * does not describe fails the test.
 */
public final class OpenApiContract {
    private static final ObjectNode DOCUMENT = Json.parseObject(OpenApiDocument.load());
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private OpenApiContract() {}

    public static ObjectNode document() {
        return DOCUMENT.deepCopy();
    }

    /** @param pathTemplate the documented path, e.g. {@code /v1/runs/{id}} */
    public static ApiClient.Response check(String method, String pathTemplate, ApiClient.Response response) {
        var operation = DOCUMENT.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new AssertionError("openapi.json has no operation " + method + " " + pathTemplate);
        }
        var documented = operation.path("responses").path(String.valueOf(response.status()));
        if (documented.isMissingNode()) {
            throw new AssertionError(method + " " + pathTemplate + " answered " + response.status()
                    + ", which openapi.json does not document: " + response.body());
        }
        var content = documented.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!response.body().isEmpty()) {
                throw new AssertionError(method + " " + pathTemplate + " " + response.status()
                        + " is documented without a body but had one: " + response.body());
            }
            return response;
        }
        var type = response.contentType().split(";")[0].trim();
        var media = content.path(type);
        if (media.isMissingNode()) {
            throw new AssertionError(method + " " + pathTemplate + " " + response.status() + " answered " + type
                    + "; documented: " + content);
        }
        validate(media.path("schema"), response.body(), method + " " + pathTemplate + " " + response.status());
        return response;
    }

    /** Validates {@code body} against the schema of components.schemas.{@code name}. */
    public static void validateAgainst(String name, String body) {
        validate(Json.object().put("$ref", "#/components/schemas/" + name), body, name);
    }

    private static void validate(JsonNode schema, String body, String what) {
        if (schema.path("type").asText().equals("string") && !schema.has("$ref")) {
            return; // text/event-stream: checked by the stream tests
        }
        var root = Json.object().put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", DOCUMENT.path("components").deepCopy());
        var errors = REGISTRY.getSchema(Json.write(root), InputFormat.JSON).validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(what + " does not match openapi.json: " + errors + "\nbody: " + body);
        }
    }
}
