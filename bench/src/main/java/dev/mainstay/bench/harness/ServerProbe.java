package dev.mainstay.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Asks the canned server how many requests it is holding ({@code GET /stats}), so the memory phase can tell runs
 * waiting on the model from runs queued inside the client. Servers without that endpoint (the simulator) answer
 * nothing, and the phase falls back to counting on the client side. Thread-safe.
 */
final class ServerProbe {
    private static final Pattern IN_FLIGHT = Pattern.compile("\"in_flight\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final URI stats;

    ServerProbe(URI baseUrl) {
        this.stats = URI.create(baseUrl.toString().replaceAll("/+$", "") + CannedServer.STATS_PATH);
    }

    /** Requests the server is holding now; empty when it does not say. */
    OptionalInt inFlight() throws InterruptedException {
        try {
            var response = http.send(HttpRequest.newBuilder(stats).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return OptionalInt.empty();
            }
            var matcher = IN_FLIGHT.matcher(response.body());
            return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }
}
