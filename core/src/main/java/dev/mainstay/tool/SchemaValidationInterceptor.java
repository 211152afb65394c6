package dev.mainstay.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a tool call's input against the tool's declared JSON Schema (draft 2020-12) before the tool runs. Input
 * that does not match becomes an error result naming every problem, so the model can correct itself; the tool is
 * not called. Compiled schemas are cached per tool name, and compiled again when a tool of that name brings a
 * different schema object.
 */
public final class SchemaValidationInterceptor implements ToolInterceptor {
    /** Most problems listed in one error result; the rest are counted. */
    public static final int MAX_LISTED_PROBLEMS = 5;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    /** A tool's schema as declared and as compiled; looked up by tool name, checked by identity. */
    private record Compiled(ObjectNode declared, Schema schema) {}

    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        var declared = chain.spec().inputSchema();
        var entry = compiled.get(chain.spec().name());
        if (entry == null || entry.declared() != declared) {
            // first call, or another tool of the same name: compile once, not hash the schema on every call
            entry = new Compiled(declared, registry.getSchema(declared.toString(), InputFormat.JSON));
            compiled.put(chain.spec().name(), entry);
        }
        var schema = entry.schema();
        var errors = schema.validate(chain.call().inputJson(), InputFormat.JSON);
        if (errors.isEmpty()) {
            return chain.proceed();
        }
        var listed = errors.stream().limit(MAX_LISTED_PROBLEMS).map(e -> e.getMessage())
                .collect(Collectors.joining("; "));
        var more = errors.size() > MAX_LISTED_PROBLEMS ? " (and " + (errors.size() - MAX_LISTED_PROBLEMS) + " more)" : "";
        return ToolResult.error("invalid input for " + chain.spec().name() + ": " + listed + more);
    }
}
