package dev.mainstay.observe;

import dev.mainstay.event.ApprovalApplied;
import dev.mainstay.event.InjectionSuspected;
import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.ModelCallStarted;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.PolicyDecided;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.TextDelta;
import dev.mainstay.event.ToolCallFinished;
import dev.mainstay.event.ToolCallStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs run events, one line each, with the run id in the MDC key {@code run_id} so structured logs carry it on
 * every line. Logs names, codes, counts and durations only — never tool inputs, outputs or model text, which may
 * hold user data.
 */
public final class LoggingRunListener implements RunListener {
    /** The MDC key holding the run id. */
    public static final String RUN_ID = dev.mainstay.agent.AgentLoop.RUN_ID_MDC_KEY;

    private static final Logger log = LoggerFactory.getLogger("mainstay.run");

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof TextDelta || !(log.isInfoEnabled() || event instanceof ModelCallFailed
                || event instanceof InjectionSuspected || event instanceof PolicyDecided)) {
            return; // nothing to write: skip the MDC and the boxing of arguments
        }
        // the loop keeps the run's fields in the MDC; a listener called from elsewhere gets the run id for its line,
        // and a run id already there is left in place (removing it would strip it from the thread's later lines)
        boolean added = MDC.get(RUN_ID) == null;
        if (added) {
            MDC.put(RUN_ID, event.runId());
        }
        try {
            switch (event) {
                case RunStarted e -> log.info("run started agent={} tenant={} resumed={}", e.agent(), e.tenantId(),
                        e.resumed());
                case RunFinished e -> log.info("run finished stop_reason={} steps={} input_tokens={} "
                        + "output_tokens={} cost_usd={} duration_ms={}", e.stopReason().wire(), e.steps(),
                        e.usage().inputTokens(), e.usage().outputTokens(), e.cost().usd().map(java.math.BigDecimal::toPlainString).orElse("unknown"),
                        e.duration().toMillis());
                case ModelCallStarted e -> log.debug("model call started step={} model={}", e.step(), e.model());
                case ModelCallFinished e -> log.info("model call finished step={} model={} stop_reason={} "
                        + "duration_ms={}", e.step(), e.model(), e.stopReason(), e.duration().toMillis());
                case ModelCallFailed e -> log.warn("model call failed step={} model={} code={} duration_ms={}",
                        e.step(), e.model(), e.errorCode(), e.duration().toMillis());
                case ToolCallStarted e -> log.debug("tool call started step={} tool={} tool_use_id={}", e.step(),
                        e.tool(), e.toolUseId());
                case ToolCallFinished e -> log.info("tool call finished step={} tool={} error={} degraded={} "
                        + "replayed={} duration_ms={}", e.step(), e.tool(), e.isError(), e.degraded(), e.replayed(),
                        e.duration().toMillis());
                case TextDelta e -> {
                    // model text is user data: never logged
                }
                case PolicyDecided e -> {
                    if (e.verdict() instanceof dev.mainstay.policy.Verdict.Allow) {
                        log.info("policy allowed step={} tool={} tool_use_id={} rule={}", e.step(), e.tool(),
                                e.toolUseId(), e.verdict().rule());
                    } else {
                        log.warn("policy {} step={} tool={} tool_use_id={} rule={} reason={}", e.verdict().kind(),
                                e.step(), e.tool(), e.toolUseId(), e.verdict().rule(), e.verdict().reason());
                    }
                }
                case ApprovalApplied e -> log.info("approval applied step={} tool={} tool_use_id={} approved={} by={}",
                        e.step(), e.tool(), e.toolUseId(), e.approved(), e.by());
                case InjectionSuspected e -> log.warn("injection suspected step={} tool={} tool_use_id={} score={} "
                        + "signals={}", e.step(), e.tool(), e.toolUseId(), e.score(), e.signals());
            }
        } finally {
            if (added) {
                MDC.remove(RUN_ID);
            }
        }
    }
}
