package dev.mainstay.dojo;

import dev.mainstay.sim.attack.InjectedWorld;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link HttpClient} that answers in process from an {@link InjectedWorld}, so the real reference tools — the
 * weather tool's Open-Meteo client, the SearXNG search backend, with all their parsing and cleaning — run against
 * the attacked world without a socket: {@code …/v1/search} (geocoding), {@code …/v1/forecast} and {@code …/search}
 * (SearXNG). Bad parameters get a 400, anything else a 404. Thread-safe.
 */
final class WorldHttpClient extends HttpClient {
    private final InjectedWorld world;

    WorldHttpClient(InjectedWorld world) {
        this.world = world;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
            HttpResponse.BodyHandler<T> handler) {
        int status;
        String body;
        try {
            body = answer(request.uri());
            status = body == null ? 404 : 200;
            body = body == null ? "{}" : body;
        } catch (IllegalArgumentException e) {
            status = 400;
            body = "{\"error\":true}";
        }
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = HttpHeaders.of(Map.of("content-type", List.of("application/json")), (a, b) -> true);
        int code = status;
        var info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return code;
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public Version version() {
                return Version.HTTP_1_1;
            }
        };
        var subscriber = handler.apply(info);
        var delivered = new AtomicBoolean();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n > 0 && delivered.compareAndSet(false, true)) {
                    subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                delivered.set(true);
            }
        });
        return subscriber.getBody().toCompletableFuture()
                .thenApply(value -> new Response<>(code, request, headers, value));
    }

    private String answer(URI uri) {
        var params = params(uri.getRawQuery());
        var path = uri.getPath();
        if (path.endsWith("/v1/search")) {
            return world.geocode(params.getOrDefault("name", ""), Integer.parseInt(params.getOrDefault("count", "10")));
        }
        if (path.endsWith("/v1/forecast")) {
            return world.forecast(Double.parseDouble(params.get("latitude")), Double.parseDouble(params.get("longitude")),
                    Integer.parseInt(params.getOrDefault("forecast_days", "7")));
        }
        if (path.endsWith("/search")) {
            return world.search(params.get("q"));
        }
        return null;
    }

    private static Map<String, String> params(String raw) {
        var params = new HashMap<String, String>();
        if (raw == null) {
            return params;
        }
        for (var pair : raw.split("&")) {
            var kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        return sendAsync(request, handler).join();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        return sendAsync(request, handler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
        return null;
    }

    @Override
    public SSLParameters sslParameters() {
        return new SSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.empty();
    }

    private record Response<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body)
            implements HttpResponse<T> {
        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }
    }
}
