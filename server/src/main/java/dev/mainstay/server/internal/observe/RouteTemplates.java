package dev.mainstay.server.internal.observe;

import dev.mainstay.json.Json;
import dev.mainstay.server.internal.http.OpenApiDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API's route templates ({@code /v1/runs/{id}}), from the OpenAPI document that describes exactly the routes
 * served, for requests answered before Javalin matched a route: a 401, 429 or 503 from the authentication step. Their
 * log line and RED metric then still carry the template the request was for, never the raw path (which holds ids)
 * and never a catch-all that hides where refusals happen.
 */
final class RouteTemplates {
    private record Template(String path, Pattern pattern) {}

    private final List<Template> templates;

    private RouteTemplates(List<Template> templates) {
        this.templates = List.copyOf(templates);
    }

    /** The templates of the served OpenAPI document. */
    static RouteTemplates ofApi() {
        var paths = new ArrayList<String>();
        Json.parseObject(OpenApiDocument.load()).path("paths").fieldNames().forEachRemaining(paths::add);
        return of(paths);
    }

    static RouteTemplates of(List<String> paths) {
        var templates = new ArrayList<Template>();
        for (var path : paths) {
            var regex = new StringBuilder("^");
            for (var part : path.split("(?=\\{)|(?<=\\})")) {
                regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
            }
            templates.add(new Template(path, Pattern.compile(regex.append("$").toString())));
        }
        // literal templates before parameterised ones, so /v1/runs/{id} never claims a literal sibling
        templates.sort((a, b) -> Long.compare(a.path().chars().filter(c -> c == '{').count(),
                b.path().chars().filter(c -> c == '{').count()));
        return new RouteTemplates(templates);
    }

    /** The template {@code rawPath} is an instance of, if any. */
    Optional<String> match(String rawPath) {
        for (var t : templates) {
            if (t.pattern().matcher(rawPath).matches()) {
                return Optional.of(t.path());
            }
        }
        return Optional.empty();
    }
}
