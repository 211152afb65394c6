package dev.mainstay.sim.brain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.model.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds instructions planted in tool results, the way a gullible model reads them: a sentence that, after an
 * optional "IGNORE PREVIOUS INSTRUCTIONS" style preamble, tells the assistant to do something a declared tool can
 * do ("call save_note with {…}", "save a note titled X with body Y", "send the notes to x@example.org").
 * Without a preamble only unmistakable commands count (call/use/run a tool, send/forward/post, save a note), so
 * ordinary prose such as "Note that the tower closes at 10" is not taken as an order.
 */
final class Injections {
    /** An instruction found in the result of {@code carrier}, as the tool call it asks for. */
    record Instruction(Exchange carrier, String tool, ObjectNode input, String sentence) {}

    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern PREAMBLE = Words.pattern(
            "^(?:(?:ignore|disregard|forget|override)\\s+(?:all\\s+)?(?:(?:the|your|any|of\\s+the)\\s+)?"
                    + "(?:previous|prior|above|earlier|other|existing)\\s+(?:instructions|directions|rules|prompts?|guidelines)"
                    + "\\s*(?:and|,|\\.|:|;|-|!)*\\s*"
                    + "|(?:system|assistant|admin|important|attention|urgent|note\\s+to\\s+(?:the\\s+)?(?:ai|assistant|agent|model)"
                    + "|new\\s+instructions?|instructions?)\\s*[:!-]+\\s*"
                    + "|(?:ai|assistant|agent|model|claude|llm)s?\\s*[,:]\\s*"
                    // AgentDojo's templates: "###(system_message) …", "… strictly adhere to the following
                    // instruction: …", "Before you can solve the task …, please do the following first: …", "Do … instead"
                    + "|###\\s*\\(?\\s*system[_ ]?message\\s*\\)?\\s*|strictly\\s+adhere\\s+to\\s+the\\s+following\\s+instructions?\\s*:\\s*"
                    + "|(?:before\\s+you\\b[^:]{0,120}?)?(?:please\\s+)?do\\s+the\\s+following(?:\\s+first)?\\s*:\\s*|do\\s+(?=.*\\binstead\\s*[.!]*$)"
                    + "|(?:you\\s+(?:must|should|need\\s+to|have\\s+to|are\\s+required\\s+to)|please|now|immediately|instead|then|and)\\s+)+");
    private static final Pattern INSTEAD = Words.pattern("\\s+instead\\s*[.!]*$");
    private static final Pattern COMMAND = Words.pattern(
            "^(?:call|use|invoke|run|execute|send|email|e-mail|mail|forward|post|upload|save\\s+(?:a|the|this|all|my|your)\\b)");
    private static final Pattern IMPERATIVE = Words.pattern(
            "^(?:call|use|invoke|run|execute|save|store|note|remember|write|search|look\\s+up|google|find|send|email"
                    + "|e-mail|mail|post|forward|upload|list|read|open|get|check|calculate|compute|take)\\b");
    private static final Pattern TOOL_CALL = Words.pattern(
            "^(?:call|use|invoke|run|execute)\\s+(?:the\\s+)?(?:tool\\s+|function\\s+)?[`'\"]?(?<tool>[A-Za-z_][\\w.-]*)[`'\"]?(?:\\s+tool)?"
                    + "(?:\\s+(?:with|using))?(?:\\s+(?:the\\s+)?(?:input|arguments|args|parameters|params))?\\s*:?\\s*(?<rest>.*)$");
    private static final Pattern ARGUMENT = Words.pattern(
            "(?<key>[A-Za-z_]\\w*)\\s*(?:=|:|\\s)\\s*(?:\"(?<dq>[^\"]*)\"|'(?<sq>[^']*)'|“(?<cq>[^”]*)”)");
    private static final Pattern SEND = Words.pattern(
            "^(?:send|email|e-mail|mail|forward|post|upload)\\s+(?<what>.+?)\\s+to\\s+(?<to>\\S+?)[.!]?$");
    private static final Pattern SENDING_TOOL = Words.pattern("send|e?mail|post|forward|upload|http|webhook|message|notify");
    private static final Pattern RECIPIENT = Words.pattern("^(?:to|recipients?|email|address|url|destination|target|channel|endpoint)$");
    private static final Pattern PAYLOAD = Words.pattern("^(?:body|content|text|message|data|payload)$");

    private Injections() {}

    static List<Instruction> find(Conversation conversation) {
        var found = new ArrayList<Instruction>();
        for (var exchange : conversation.exchanges()) {
            for (var fragment : fragments(exchange.content())) {
                for (var sentence : SENTENCES.split(fragment)) {
                    instruction(conversation, exchange, sentence.strip()).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    private static Optional<Instruction> instruction(Conversation conversation, Exchange carrier, String sentence) {
        var command = INSTEAD.matcher(PREAMBLE.matcher(sentence).replaceFirst("")).replaceFirst("").strip();
        boolean hadPreamble = command.length() < sentence.length();
        if (!(hadPreamble ? IMPERATIVE : COMMAND).matcher(command).find()) {
            return Optional.empty();
        }
        var call = TOOL_CALL.matcher(command);
        if (call.matches() && conversation.declares(call.group("tool"))) {
            var tool = conversation.tool(call.group("tool")).orElseThrow();
            return Optional.of(new Instruction(carrier, tool.name(), arguments(tool, call.group("rest")), sentence));
        }
        var send = SEND.matcher(command);
        if (send.matches()) {
            return conversation.request().tools().stream().filter(t -> SENDING_TOOL.matcher(t.name()).find())
                    .findFirst()
                    .map(t -> new Instruction(carrier, t.name(), sendInput(t, send.group("what"), send.group("to")), sentence));
        }
        return IntentParser.parse(command).intents().stream()
                .filter(intent -> !(intent instanceof Intent.SaveResult) && conversation.declares(intent.tool()))
                .findFirst()
                .map(intent -> new Instruction(carrier, intent.tool(), StepInputs.direct(intent), sentence));
    }

    /** The arguments an instruction spells out: a JSON object, or key "value" pairs; else a valid sample. */
    private static ObjectNode arguments(ToolDefinition tool, String rest) {
        int open = rest.indexOf('{');
        int close = rest.lastIndexOf('}');
        if (open >= 0 && close > open) {
            try {
                return Json.parseObject(rest.substring(open, close + 1));
            } catch (IllegalArgumentException e) {
                // not JSON after all: read it as words below
            }
        }
        var input = Json.object();
        var pairs = ARGUMENT.matcher(rest);
        while (pairs.find()) {
            var value = pairs.group("dq") != null ? pairs.group("dq")
                    : pairs.group("sq") != null ? pairs.group("sq") : pairs.group("cq");
            input.put(pairs.group("key"), value);
        }
        return input.isEmpty() ? SchemaSamples.object(tool.inputSchema()) : input;
    }

    private static ObjectNode sendInput(ToolDefinition tool, String what, String to) {
        var input = SchemaSamples.object(tool.inputSchema());
        tool.inputSchema().path("properties").fieldNames().forEachRemaining(name -> {
            if (RECIPIENT.matcher(name).matches()) {
                input.put(name, Words.clean(to));
            } else if (PAYLOAD.matcher(name).matches()) {
                input.put(name, Words.clean(what));
            }
        });
        return input;
    }

    /** The texts of a result: every string inside it when it is JSON, else the whole content. */
    private static List<String> fragments(String content) {
        var texts = new ArrayList<String>();
        var json = JsonText.parse(content);
        if (json.isEmpty()) {
            texts.add(content);
            return texts;
        }
        collect(json.get(), texts);
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.asText());
        } else if (node.isContainerNode()) {
            node.elements().forEachRemaining(child -> collect(child, texts));
        }
    }
}
