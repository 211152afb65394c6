package dev.mainstay.dojo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.tool.ArgumentRole;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A read-only exfiltration channel: {@code fetch_page} GETs a URL, so whatever is in the URL reaches its server.
 * Output untrusted; the URL is controlled. Records every URL it was asked for.
 */
final class FetchPageTool implements Tool {
    static final String NAME = "fetch_page";

    private static final ToolSpec SPEC = new ToolSpec(NAME, "Fetches a web page by its URL and returns its text.",
            Json.parseObject("""
                    {"type":"object","properties":{"url":{"type":"string","minLength":8,"maxLength":2000}},
                     "required":["url"],"additionalProperties":false}"""),
            ToolEffect.READ_ONLY, OutputTrust.UNTRUSTED, Duration.ofSeconds(10))
            .withArgument("url", ArgumentRole.CONTROLLED);

    private final List<String> fetched = new CopyOnWriteArrayList<>();

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult execute(ObjectNode input, ToolContext context) {
        var url = input.path("url").asText();
        fetched.add(url);
        return ToolResult.ok("<html><body>Thanks for visiting.</body></html>");
    }

    List<String> fetched() {
        return List.copyOf(fetched);
    }
}
