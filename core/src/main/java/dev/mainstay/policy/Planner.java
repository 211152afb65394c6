package dev.mainstay.policy;

import dev.mainstay.tool.ToolSpec;
import java.util.List;

/**
 * Fixes a run's {@link Plan} from the trusted part of its context — the user's task — before untrusted data can
 * arrive. Whatever it reads, an attacker cannot write: a planner that misses a side effect the user asked for costs
 * an approval, never a hijack. Implementations are pure and thread-safe.
 */
@FunctionalInterface
public interface Planner {
    /**
     * @param task the user's task, as the run was asked
     * @param sideEffecting the agent's tools that declare {@link dev.mainstay.tool.ToolEffect#SIDE_EFFECT}
     */
    Plan plan(String task, List<ToolSpec> sideEffecting);

    /** Plans nothing: every side effect after untrusted content needs approval (or is denied). */
    Planner NOTHING = (task, tools) -> Plan.EMPTY;
}
