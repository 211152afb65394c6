package dev.mainstay.telemetry.internal;

import dev.mainstay.event.ApprovalApplied;
import dev.mainstay.event.InjectionSuspected;
import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.PolicyDecided;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.ModelCallStarted;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.TextDelta;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import dev.mainstay.observe.LogFields;
import dev.mainstay.observe.MicrometerRunListener;
import dev.mainstay.telemetry.GenAi;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.slf4j.MDC;

/**
 * The run's {@code invoke_agent} span and each tool call's {@code execute_tool} span, from run events, timed by the
 * events' own clock. The run span's parent is the context current when the run starts (the worker makes the
 * caller's trace current, so a run on another node joins it). Puts the current span's ids in the MDC
 * ({@link LogFields#TRACE_ID}, {@link LogFields#SPAN_ID}) on the thread that emits the event; the loop gives each
 * thread's MDC back when the run or the tool call ends.
 */
public final class TracingRunListener implements RunListener {
    private final Tracer tracer;
    private final RunSpans spans;
    private final String node;

    public TracingRunListener(Tracer tracer, RunSpans spans, String node) {
        this.tracer = tracer;
        this.spans = spans;
        this.node = node;
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunStarted e -> started(e);
            case RunFinished e -> finished(e);
            case ToolCallStarted e -> spans.find(e.runId()).ifPresent(run -> {
                var span = tracer.spanBuilder(GenAi.OP_EXECUTE_TOOL + " " + e.tool()).setParent(run.context())
                        .setSpanKind(SpanKind.INTERNAL).setStartTimestamp(e.at())
                        .setAttribute(GenAi.OPERATION, GenAi.OP_EXECUTE_TOOL)
                        .setAttribute(GenAi.TOOL_NAME, e.tool())
                        .setAttribute(GenAi.TOOL_CALL_ID, e.toolUseId())
                        .setAttribute(GenAi.TOOL_TYPE, "function")
                        .setAttribute("mainstay.step", e.step())
                        .startSpan();
                run.tools().put(e.toolUseId(), span);
                MDC.put(LogFields.SPAN_ID, span.getSpanContext().getSpanId());
            });
            case ToolCallFinished e -> spans.find(e.runId()).ifPresent(run -> {
                var span = run.tools().remove(e.toolUseId());
                if (span == null) {
                    return;
                }
                span.setAttribute("mainstay.tool.degraded", e.degraded());
                span.setAttribute("mainstay.tool.replayed", e.replayed());
                if (e.isError()) {
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(GenAi.ERROR_TYPE, e.degraded() ? "tool_degraded" : "tool_error");
                }
                span.end(e.at());
                MDC.put(LogFields.SPAN_ID, run.span().getSpanContext().getSpanId());
            });
            case ModelCallStarted e -> {
                // each attempt has its own span, from the TELEMETRY interceptor
            }
            case ModelCallFinished e -> {
                // as above
            }
            case ModelCallFailed e -> {
                // as above
            }
            case TextDelta e -> {
                // content: never in a span
            }
            case PolicyDecided e -> spans.find(e.runId()).ifPresent(run -> run.span().addEvent("policy_decided",
                    io.opentelemetry.api.common.Attributes.of(
                            io.opentelemetry.api.common.AttributeKey.stringKey("mainstay.policy.verdict"),
                            e.verdict().kind(),
                            io.opentelemetry.api.common.AttributeKey.stringKey("mainstay.policy.rule"),
                            e.verdict().rule()), e.at()));
            case ApprovalApplied e -> spans.find(e.runId()).ifPresent(run -> run.span().addEvent("approval_applied",
                    io.opentelemetry.api.common.Attributes.of(
                            io.opentelemetry.api.common.AttributeKey.booleanKey("mainstay.approval.approved"),
                            e.approved()), e.at()));
            case InjectionSuspected e -> spans.find(e.runId()).ifPresent(run -> run.span().addEvent(
                    "injection_suspected", io.opentelemetry.api.common.Attributes.of(
                            io.opentelemetry.api.common.AttributeKey.stringKey(GenAi.TOOL_NAME), e.tool()), e.at()));
        }
    }

    private void started(RunStarted e) {
        var span = tracer.spanBuilder(GenAi.OP_INVOKE_AGENT + " " + e.agent()).setParent(Context.current())
                .setSpanKind(SpanKind.INTERNAL).setStartTimestamp(e.at())
                .setAttribute(GenAi.OPERATION, GenAi.OP_INVOKE_AGENT)
                .setAttribute(GenAi.AGENT_NAME, e.agent())
                .setAttribute("mainstay.run.id", e.runId())
                .setAttribute("mainstay.tenant", e.tenantId())
                .setAttribute("user.id", e.userId())
                .setAttribute("mainstay.resumed", e.resumed())
                .setAttribute("mainstay.node", node)
                .startSpan();
        spans.open(e.runId(), span, Context.current());
        var context = span.getSpanContext();
        if (context.isValid()) {
            MDC.put(LogFields.TRACE_ID, context.getTraceId());
            MDC.put(LogFields.SPAN_ID, context.getSpanId());
        }
    }

    private void finished(RunFinished e) {
        spans.close(e.runId()).ifPresent(run -> {
            var span = run.span();
            // a tool span still open means its call was cut off with the run: it ends with the run
            run.tools().values().forEach(tool -> tool.setStatus(StatusCode.ERROR, "the run ended first").end(e.at()));
            span.setAttribute("mainstay.stop_reason", e.stopReason().wire());
            span.setAttribute("mainstay.status", MicrometerRunListener.status(e.stopReason()));
            span.setAttribute("mainstay.steps", e.steps());
            span.setAttribute(GenAi.INPUT_TOKENS, GenAi.inputTokens(e.usage()));
            span.setAttribute(GenAi.OUTPUT_TOKENS, e.usage().outputTokens());
            span.setAttribute(GenAi.CACHE_READ_TOKENS, e.usage().cacheReadInputTokens());
            span.setAttribute(GenAi.CACHE_CREATION_TOKENS, e.usage().cacheCreationInputTokens());
            e.cost().usd().ifPresent(usd -> span.setAttribute("mainstay.cost.usd", usd.doubleValue()));
            e.error().ifPresent(error -> {
                span.setStatus(StatusCode.ERROR, error.code());
                span.setAttribute(GenAi.ERROR_TYPE, error.code());
            });
            span.end(e.at());
        });
    }

    /** The span of a run in flight, for tests. */
    Span runSpan(String runId) {
        return spans.find(runId).map(RunSpans.RunTrace::span).orElse(Span.getInvalid());
    }
}
