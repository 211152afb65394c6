package dev.mainstay.tools;

import dev.mainstay.time.IdGenerator;
import dev.mainstay.tool.Tool;
import dev.mainstay.tools.calculator.Calculator;
import dev.mainstay.tools.calculator.CalculatorTool;
import dev.mainstay.tools.internal.JsonHttp;
import dev.mainstay.tools.notes.ListNotesTool;
import dev.mainstay.tools.notes.NoteStore;
import dev.mainstay.tools.notes.ReadNoteTool;
import dev.mainstay.tools.notes.SaveNoteTool;
import dev.mainstay.tools.notes.SqliteNoteStore;
import dev.mainstay.tools.search.BraveSearch;
import dev.mainstay.tools.search.SearchBackend;
import dev.mainstay.tools.search.SearxngSearch;
import dev.mainstay.tools.search.TavilySearch;
import dev.mainstay.tools.search.WebSearchTool;
import dev.mainstay.tools.weather.OpenMeteoClient;
import dev.mainstay.tools.weather.WeatherTool;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Wires the reference agent's six tools from explicit parts: no scanning, no globals. Typical use at the
 * composition root:
 *
 * <pre>{@code
 * var config = ReferenceToolsConfig.fromEnvironment(System.getenv());
 * var http = ReferenceTools.defaultHttpClient();
 * var notes = SqliteNoteStore.open(config.notesDb(), InstantSource.system(), IdGenerator.random());
 * Toolbox toolbox = Toolbox.of(ReferenceTools.create(config, notes, http));
 * }</pre>
 *
 * The caller owns {@code http} and {@code notes} (close the SQLite store at shutdown).
 */
public final class ReferenceTools {
    /** Connection set-up is bounded separately from each request's own deadline-derived timeout. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ReferenceTools() {}

    /**
     * The tools in the contract's order: {@code calculator}, {@code get_weather}, {@code web_search},
     * {@code save_note}, {@code list_notes}, {@code read_note}; each with {@code config.toolTimeout()}.
     */
    public static List<Tool> create(ReferenceToolsConfig config, NoteStore notes, HttpClient http) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(notes, "notes");
        var json = new JsonHttp(Objects.requireNonNull(http, "http"));
        var timeout = config.toolTimeout();
        return List.of(
                new CalculatorTool(new Calculator(), timeout),
                new WeatherTool(new OpenMeteoClient(json, config.geocodingUrl(), config.forecastUrl()), timeout),
                new WebSearchTool(searchBackend(config.search(), json), timeout),
                new SaveNoteTool(notes, timeout),
                new ListNotesTool(notes, timeout),
                new ReadNoteTool(notes, timeout));
    }

    /** The backend the settings select, or empty for {@link SearchSettings.None}. */
    public static Optional<SearchBackend> searchBackend(SearchSettings settings, JsonHttp http) {
        return switch (settings) {
            case SearchSettings.None none -> Optional.empty();
            case SearchSettings.Brave brave -> Optional.of(new BraveSearch(http, brave.key(), brave.baseUrl()));
            case SearchSettings.Tavily tavily -> Optional.of(new TavilySearch(http, tavily.key(), tavily.baseUrl()));
            case SearchSettings.Searxng searxng -> Optional.of(new SearxngSearch(http, searxng.url()));
        };
    }

    /**
     * An HTTP client fit for the tools: bounded connection set-up and no redirects (a redirect could carry an API
     * key header to another host; a 3xx becomes an error result instead).
     */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Opens the SQLite notes store at {@code config.notesDb()}; the caller closes it. */
    public static SqliteNoteStore openNotes(ReferenceToolsConfig config, InstantSource clock, IdGenerator ids) {
        return SqliteNoteStore.open(config.notesDb(), clock, ids);
    }
}
