package dev.mainstay.tool;

import dev.mainstay.model.ToolDefinition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools an agent may use, by name, in declaration order. Immutable. */
public final class Toolbox {
    private final Map<String, Tool> tools;
    private final List<ToolDefinition> definitions;

    private Toolbox(Map<String, Tool> tools) {
        this.tools = tools;
        // List.copyOf: a list ModelRequest keeps as it is, so links that memoise by the list's identity see one list
        this.definitions = List.copyOf(tools.values().stream().map(t -> t.spec().definition()).toList());
    }

    public static Toolbox of(Collection<? extends Tool> tools) {
        var byName = new LinkedHashMap<String, Tool>();
        for (var tool : tools) {
            var name = tool.spec().name();
            if (byName.putIfAbsent(name, tool) != null) {
                throw new IllegalArgumentException("two tools are named '" + name + "'");
            }
        }
        return new Toolbox(java.util.Collections.unmodifiableMap(byName));
    }

    public static Toolbox of(Tool... tools) {
        return of(List.of(tools));
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public List<Tool> tools() {
        return List.copyOf(tools.values());
    }

    /** The tools as the model sees them, built once: every model call of every run sends this same list. */
    public List<ToolDefinition> definitions() {
        return definitions;
    }
}
