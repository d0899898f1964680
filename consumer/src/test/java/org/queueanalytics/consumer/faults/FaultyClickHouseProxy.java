package org.queueanalytics.consumer.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of the real ClickHouse, for the error-policy tests. Modes:
 * <ul>
 *   <li>{@link Mode#FORWARD}: passes every request and answer through unchanged.</li>
 *   <li>{@link Mode#BARE_ERRORS}: answers every request itself, alternately with a bare HTML
 *       {@code 500} and {@code 502} page and no ClickHouse code — a load balancer in trouble.</li>
 *   <li>{@link Mode#ERRORS_AS_200}: forwards, but turns an error answer into {@code 200} with the
 *       exception in the body and no {@code X-ClickHouse-Exception-Code} header — what a server that
 *       had already sent its 200 with progress headers answers for a late error.</li>
 * </ul>
 */
final class FaultyClickHouseProxy implements AutoCloseable {
    enum Mode { FORWARD, BARE_ERRORS, ERRORS_AS_200 }

    private final URI upstream;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Mode mode;
    final AtomicInteger bareErrors = new AtomicInteger();
    final AtomicInteger errorsTurnedInto200 = new AtomicInteger();

    FaultyClickHouseProxy(URI upstream, Mode mode) throws IOException {
        this.upstream = upstream;
        this.mode = mode;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void mode(Mode next) {
        mode = next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Mode now = mode;
            if (now == Mode.BARE_ERRORS) {
                int status = bareErrors.getAndIncrement() % 2 == 0 ? 500 : 502;
                respond(exchange, status, "<html><body><h1>" + status + " Server Error</h1>nginx</body></html>", null);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : List.of("X-ClickHouse-User", "X-ClickHouse-Key", "Content-Encoding")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    forward.header(name, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 503, "proxy interrupted", null);
                return;
            }
            String code = answer.headers().firstValue("X-ClickHouse-Exception-Code").orElse(null);
            if (now == Mode.ERRORS_AS_200 && answer.statusCode() != 200) {
                errorsTurnedInto200.incrementAndGet();
                respond(exchange, 200, new String(answer.body(), StandardCharsets.UTF_8), null);
                return;
            }
            respond(exchange, answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8), code);
        }
    }

    private static void respond(HttpExchange exchange, int status, String text, String exceptionCode) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (exceptionCode != null) {
            exchange.getResponseHeaders().add("X-ClickHouse-Exception-Code", exceptionCode);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
