package org.queueanalytics.producer.genesys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.queueanalytics.common.config.OAuthSettings;
import org.queueanalytics.common.config.Secret;

/**
 * A real HTTP peer for tests: a JDK HttpServer on a free port that answers the login endpoint
 * and API paths from per-test scripts and records every request.
 */
public final class ScriptedGenesys implements AutoCloseable {
    public static final String CLIENT_ID = "test-client";
    public static final String CLIENT_SECRET = "s3cr3t-value";

    public record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of(), Duration.ZERO);
        }

        public static Reply ok(String body) {
            return json(200, body);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, body, h, delay);
        }

        public Reply after(Duration d) {
            return new Reply(status, body, headers, d);
        }
    }

    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    static {
        // Answer headers and body go out as separate writes; with Nagle on, each answer would wait for the
        // client's delayed ACK (~40 ms on Linux loopback). Read once, when the JDK's server first starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Reply> tokenReplies = new ArrayDeque<>();
    private final Map<String, Deque<Reply>> scripted = new HashMap<>();
    private final Map<String, Function<Request, Reply>> responders = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile Duration tokenDelay = Duration.ZERO;
    private volatile long tokenLifetimeSeconds = 86_400;

    private ScriptedGenesys() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ScriptedGenesys start() {
        try {
            return new ScriptedGenesys();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public OAuthSettings oauth() {
        return new OAuthSettings(baseUrl(), baseUrl(), CLIENT_ID, Secret.of(CLIENT_SECRET));
    }

    /** Scripted answers of the token endpoint, in order; afterwards it issues token-N. */
    public synchronized ScriptedGenesys onToken(Reply... replies) {
        tokenReplies.addAll(List.of(replies));
        return this;
    }

    public ScriptedGenesys tokenDelay(Duration delay) {
        this.tokenDelay = delay;
        return this;
    }

    public ScriptedGenesys tokenLifetimeSeconds(long seconds) {
        this.tokenLifetimeSeconds = seconds;
        return this;
    }

    /** Scripted answers for METHOD PATH, in order; afterwards the responder (if any) answers. */
    public synchronized ScriptedGenesys on(String method, String path, Reply... replies) {
        scripted.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    public synchronized ScriptedGenesys respond(String method, String path, Function<Request, Reply> responder) {
        responders.put(method + " " + path, responder);
        return this;
    }

    public synchronized List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public synchronized List<Request> apiRequests() {
        return requests.stream().filter(r -> !r.path().equals("/oauth/token")).toList();
    }

    public int tokenRequests() {
        return requests("/oauth/token").size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        Request request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                Map.copyOf(exchange.getRequestHeaders()), body);
        Reply reply;
        synchronized (this) {
            requests.add(request);
            reply = uri.getPath().equals("/oauth/token") ? tokenReply() : apiReply(request);
        }
        if (uri.getPath().equals("/oauth/token")) {
            pause(tokenDelay);
        }
        pause(reply.delay());
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private Reply tokenReply() {
        Reply next = tokenReplies.poll();
        if (next != null) {
            return next;
        }
        int n = tokensIssued.incrementAndGet();
        return Reply.ok("{\"access_token\":\"token-" + n + "\",\"token_type\":\"bearer\",\"expires_in\":"
                + tokenLifetimeSeconds + "}");
    }

    private Reply apiReply(Request request) {
        String key = request.method() + " " + request.path();
        Deque<Reply> queue = scripted.get(key);
        if (queue != null && !queue.isEmpty()) {
            return queue.poll();
        }
        Function<Request, Reply> responder = responders.get(key);
        if (responder != null) {
            return responder.apply(request);
        }
        return Reply.json(404, "{\"message\":\"unscripted " + key + "\",\"code\":\"not.found\",\"status\":404}");
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis()); // simulates a slow server, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
