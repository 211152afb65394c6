package dev.mainstay.runtime;

import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells the operator, once per model and process, that a model answered for which the price table has no price,
 * so its costs are reported as unknown, and how to price it. Thread-safe.
 */
final class UnpricedModelNotice implements RunListener {
    private final Consumer<String> notices;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    UnpricedModelNotice(Consumer<String> notices) {
        this.notices = notices;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof ModelCallFinished finished && !finished.cost().isKnown()) {
            for (var model : finished.cost().unpricedModels()) {
                if (warned.add(model)) {
                    notices.accept("no price for model '" + model + "': its cost is reported as unknown; set "
                            + MainstayConfig.PRICES + " to price it, e.g. " + MainstayConfig.PRICES + "=" + model
                            + "=3/15 (USD per million input/output tokens)");
                }
            }
        }
    }
}
