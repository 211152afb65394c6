package dev.mainstay.app.cli;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.server.NodeRuntime;
import dev.mainstay.server.ServerConfig;
import dev.mainstay.store.Store;
import dev.mainstay.store.Stores;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Map;

/**
 * The configuration of the service's commands, read at once: the runtime's and the service's settings, every problem
 * of both listed together.
 *
 * @param env the environment the settings were read from (what the operator set)
 */
record Configs(MainstayConfig runtime, ServerConfig server, Map<String, String> env) {
    static Configs read(Cli cli) {
        var problems = new ArrayList<ConfigProblem>();
        MainstayConfig runtime = null;
        ServerConfig server = null;
        try {
            runtime = MainstayConfig.fromEnv(cli.env());
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        try {
            server = ServerConfig.fromEnv(cli.env());
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new Configs(runtime, server, cli.env());
    }

    /** The runtime settings for a node that runs {@code node}'s workers: {@link NodeRuntime#sizedFor}. */
    MainstayConfig runtimeFor(ServerConfig node) {
        return NodeRuntime.sizedFor(runtime, node, env);
    }

    /** The configured store ({@code MAINSTAY_DB_URL}, default ./data/mainstay.db), for the admin commands. */
    static Store openStore(Cli cli) {
        return Stores.open(read(cli).server().store(), InstantSource.system());
    }
}
