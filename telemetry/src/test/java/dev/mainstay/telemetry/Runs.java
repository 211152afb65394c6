package dev.mainstay.telemetry;

import static dev.mainstay.testing.ScriptedModel.toolUse;
import static dev.mainstay.testing.ScriptedModel.use;

import dev.mainstay.agent.AgentLoop;
import dev.mainstay.agent.AgentSpec;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.event.RunListener;
import dev.mainstay.model.ApiErrorType;
import dev.mainstay.model.ModelApiException;
import dev.mainstay.model.ModelChain;
import dev.mainstay.model.ModelEndpoint;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelResponse;
import dev.mainstay.model.ResponseHeaders;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.Usage;
import dev.mainstay.run.RunLimits;
import dev.mainstay.testing.FakeTool;
import dev.mainstay.testing.ScriptedModel;
import dev.mainstay.tool.Toolbox;
import java.util.List;
import java.util.Map;

/** A reference-shaped run for telemetry tests: a 529, a retry, a tool call, an answer read partly from the cache. */
final class Runs {
    static final String ENDPOINT = "anthropic:claude-sonnet-4-5";

    private Runs() {}

    static AgentSpec agent() {
        return new AgentSpec("assistant", "be brief", "claude-sonnet-4-5", Toolbox.of(FakeTool.echo("echo")),
                RunLimits.DEFAULTS, false, false);
    }

    /** Step 1: 529, then a tool call; step 2: an answer with cache reads and writes. */
    static ScriptedModel model() {
        return new ScriptedModel()
                .thenThrow(overloaded())
                .then(toolUse(use("toolu_1", "echo", Map.of("text", "hi"))))
                .then(new ModelResponse("msg_2", "claude-sonnet-4-5", List.of(new TextBlock("done")),
                        StopReason.END_TURN, new Usage(10, 5, 30, 200), "req_2"));
    }

    static ModelApiException overloaded() {
        return new ModelApiException(529, ApiErrorType.OVERLOADED, "Overloaded", ResponseHeaders.EMPTY, "req_x",
                false, false);
    }

    /** Retries a failed attempt once, like the reliability module's RETRY link (without its backoff). */
    static final ModelInterceptor RETRY_ONCE = chain -> {
        try {
            return chain.proceed(chain.request());
        } catch (ModelException e) {
            return chain.proceed(chain.request());
        }
    };

    /** A loop over {@code model} with {@code telemetry} in the TELEMETRY slot and {@code listeners}. */
    static AgentLoop loop(ScriptedModel model, List<ModelInterceptor> telemetry, List<RunListener> listeners) {
        var chain = ModelChain.builder(List.of(new ModelEndpoint(ENDPOINT, "", model)), PriceTable.anthropicDefaults())
                .add(ModelChain.Slot.RETRY, RETRY_ONCE);
        telemetry.forEach(link -> chain.add(ModelChain.Slot.TELEMETRY, link));
        var builder = AgentLoop.builder(chain.build()).tools(dev.mainstay.tool.ToolChain.empty());
        listeners.forEach(builder::listener);
        return builder.build();
    }
}
