package dev.mainstay.telemetry.internal;

import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.observe.LogFields;
import dev.mainstay.telemetry.GenAi;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import org.slf4j.MDC;

/**
 * One {@code chat {model}} span per attempt of a model call, in the model chain's TELEMETRY slot (innermost: it sees
 * every retry and every fallback endpoint), child of the run's {@code invoke_agent} span: provider, endpoint, model
 * asked and answered, tokens by type, finish reason, the attempt's number at its endpoint, and the error's code
 * when it failed. Never the prompt or the answer. While the attempt runs its span is current, and its id is the
 * MDC's span id.
 */
public final class TracingInterceptor implements ModelInterceptor {
    private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey(GenAi.FINISH_REASONS);

    private final Tracer tracer;
    private final RunSpans spans;

    public TracingInterceptor(Tracer tracer, RunSpans spans) {
        this.tracer = tracer;
        this.spans = spans;
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        var request = chain.request();
        var run = spans.find(context.runId());
        var parent = run.map(RunSpans.RunTrace::context).orElseGet(Context::current);
        int attempt = run.map(r -> r.nextAttempt(context.step(), context.endpoint())).orElse(1);
        var span = tracer.spanBuilder(GenAi.OP_CHAT + " " + request.model()).setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GenAi.OPERATION, GenAi.OP_CHAT)
                .setAttribute(GenAi.PROVIDER, GenAi.provider(context.endpoint()))
                .setAttribute(GenAi.REQUEST_MODEL, request.model())
                .setAttribute(GenAi.REQUEST_MAX_TOKENS, request.maxTokens())
                .setAttribute("mainstay.endpoint", context.endpoint())
                .setAttribute("mainstay.step", context.step())
                .setAttribute("mainstay.attempt", attempt)
                .startSpan();
        var previousSpanId = MDC.get(LogFields.SPAN_ID);
        MDC.put(LogFields.SPAN_ID, span.getSpanContext().getSpanId());
        try (var ignored = parent.with(span).makeCurrent()) {
            var outcome = chain.proceed(request, context);
            switch (outcome) {
                case ModelOutcome.Answered answered -> {
                    var response = answered.response();
                    var usage = response.usage();
                    span.setAttribute(GenAi.RESPONSE_MODEL, response.model());
                    span.setAttribute(GenAi.RESPONSE_ID, response.id());
                    span.setAttribute(FINISH_REASONS, List.of(response.stopReason().value()));
                    span.setAttribute(GenAi.INPUT_TOKENS, GenAi.inputTokens(usage));
                    span.setAttribute(GenAi.OUTPUT_TOKENS, usage.outputTokens());
                    span.setAttribute(GenAi.CACHE_READ_TOKENS, usage.cacheReadInputTokens());
                    span.setAttribute(GenAi.CACHE_CREATION_TOKENS, usage.cacheCreationInputTokens());
                    answered.cost().usd().ifPresent(usd -> span.setAttribute("mainstay.cost.usd", usd.doubleValue()));
                }
                case ModelOutcome.Refused refused -> {
                    span.setStatus(StatusCode.ERROR, refused.refusal().code());
                    span.setAttribute(GenAi.ERROR_TYPE, refused.refusal().code());
                }
            }
            return outcome;
        } catch (ModelException e) {
            span.setStatus(StatusCode.ERROR, e.code());
            span.setAttribute(GenAi.ERROR_TYPE, e.code());
            throw e;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(GenAi.ERROR_TYPE, e.getClass().getName());
            throw e;
        } finally {
            span.end();
            if (previousSpanId == null) {
                MDC.remove(LogFields.SPAN_ID);
            } else {
                MDC.put(LogFields.SPAN_ID, previousSpanId);
            }
        }
    }
}
