package dev.mainstay.event;

/**
 * Observes run events. Called synchronously on the run's thread (tool events on the tool's thread), so a listener
 * must be quick and thread-safe and must never block; hand slow work to a queue. A listener that throws is logged
 * and skipped: it never fails the run.
 */
@FunctionalInterface
public interface RunListener {
    void onEvent(RunEvent event);
}
