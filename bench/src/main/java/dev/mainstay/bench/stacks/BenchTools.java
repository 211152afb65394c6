package dev.mainstay.bench.stacks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.bench.harness.ReferenceRun;
import dev.mainstay.bench.harness.ReferenceTools;
import dev.mainstay.json.Json;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolExecution;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import dev.mainstay.tool.Toolbox;
import java.util.function.UnaryOperator;

/**
 * The reference run's two tools as Mainstay {@link Tool}s, with the schemas every stack declares. Both are the bench's
 * trivial in-process functions (a BigDecimal evaluator, a fixed weather report), so they declare
 * {@link ToolExecution#INLINE}, as a real calculator does; a real weather tool, which waits on HTTP, would not.
 */
final class BenchTools {
    private BenchTools() {}

    static Toolbox toolbox() {
        return Toolbox.of(
                tool(ReferenceRun.CALCULATOR, ReferenceRun.CALCULATOR_DESCRIPTION, ReferenceRun.CALCULATOR_SCHEMA,
                        ReferenceRun.CALCULATOR_PARAMETER, ReferenceTools::calculator),
                tool(ReferenceRun.WEATHER, ReferenceRun.WEATHER_DESCRIPTION, ReferenceRun.WEATHER_SCHEMA,
                        ReferenceRun.WEATHER_PARAMETER, ReferenceTools::weather));
    }

    private static Tool tool(String name, String description, String schema, String parameter,
            UnaryOperator<String> function) {
        var spec = new ToolSpec(name, description, Json.parseObject(schema), ToolEffect.READ_ONLY,
                OutputTrust.TRUSTED, ToolSpec.DEFAULT_TIMEOUT, ToolExecution.INLINE);
        return new Tool() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public ToolResult execute(ObjectNode input, ToolContext context) {
                var value = input.path(parameter);
                var result = function.apply(value.isTextual() ? value.textValue() : null);
                return result.startsWith("error:") ? ToolResult.error(result) : ToolResult.ok(result);
            }
        };
    }
}
