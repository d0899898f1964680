package org.queueanalytics.consumer.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.queueanalytics.common.config.ClickHouseSettings;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.consumer.clickhouse.compression.EncodedBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse over HTTP, for both 18.16 and current servers.
 *
 * <ul>
 *   <li>Every request is a POST with {@code wait_end_of_query=1} and
 *       {@code send_progress_in_http_headers=0} (whatever the user's profile says), so an error
 *       late in a large INSERT arrives as an error status instead of after an early 200.</li>
 *   <li>Credentials travel in {@code X-ClickHouse-User}/{@code X-ClickHouse-Key} (both
 *       versions honour them); the password never appears in a URL, a log line or an
 *       exception.</li>
 *   <li>Success ("written") = HTTP 200, no {@code X-ClickHouse-Exception-Code} header and no
 *       exception in the body, read to its end with bounded memory ({@link BoundedAnswer});
 *       anything else is classified once by {@link ClickHouseErrorClassifier} (with
 *       {@code clickhouse.error_policy}) into a typed {@link ClickHouseException}.</li>
 *   <li>Several URLs (replicas): a request that fails for a reason the error policy retries
 *       (no answer, a 502/503/504, a read-only replica, an overloaded one …) is tried on the next
 *       URL, in the order of {@link ReplicaSelector} ("preferred first, retry later": a failed
 *       replica goes last for 30 s, then is preferred again). Each URL is tried at most once
 *       per request. When all fail, the last failure is thrown (the others are attached as
 *       suppressed); a {@code dead-letter} or {@code halt} answer is thrown at once.</li>
 *   <li>With a {@code Distributed} table ({@code clickhouse.distributed_table}), INSERTs carry
 *       {@code insert_distributed_sync=1}: the acknowledgement means written on the shard.</li>
 *   <li>Connect and request timeouts bound every wait; the request timeout covers the whole
 *       exchange, body included.</li>
 * </ul>
 *
 * <p>Thread-safe: share one instance. An INSERT retried on another replica after a timeout
 * may be written twice; the table's ReplacingMergeTree makes that harmless.
 */
public final class ClickHouseClient {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseClient.class);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);
    static final int MAX_SQL_IN_MESSAGES = 120;
    /** An INSERT or DDL answers with an empty body (or an error): keep little of it. */
    static final int STATEMENT_ANSWER_BYTES = 64 * 1024;
    /** The largest query answer the consumer reads (its queries return a few lines). */
    static final int QUERY_ANSWER_BYTES = 64 * 1024 * 1024;

    private final List<URI> urls;
    private final String username;
    private final Secret password;
    private final String database;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ClickHouseErrorClassifier classifier;
    private final ReplicaSelector replicas;
    private final Map<String, String> insertSettings;
    private final long coolDownSeconds;

    public ClickHouseClient(ClickHouseSettings settings) {
        this(settings, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public ClickHouseClient(ClickHouseSettings settings, Duration connectTimeout, Duration requestTimeout) {
        this(settings, connectTimeout, requestTimeout, Clock.systemUTC(), ReplicaSelector.DEFAULT_COOL_DOWN);
    }

    /** {@code coolDown}: how long a replica that failed is tried only after the others. */
    public ClickHouseClient(ClickHouseSettings settings, Duration connectTimeout, Duration requestTimeout, Clock clock,
                            Duration coolDown) {
        requirePositive("connect timeout", connectTimeout);
        requirePositive("request timeout", requestTimeout);
        this.urls = List.copyOf(settings.urls());
        this.username = settings.username();
        this.password = settings.password();
        this.database = settings.database();
        this.requestTimeout = requestTimeout;
        this.classifier = new ClickHouseErrorClassifier(settings.errorPolicy());
        this.replicas = new ReplicaSelector(urls.size(), clock, coolDown);
        this.coolDownSeconds = coolDown.toSeconds();
        this.insertSettings = settings.distributedTable() == null ? Map.of() : Map.of("insert_distributed_sync", "1");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // ClickHouse speaks HTTP/1.1; avoid an h2c upgrade attempt
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Runs a statement that returns nothing (DDL). */
    public void execute(String sql) throws ClickHouseException, InterruptedException {
        send(describe(sql), Map.of(), HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8), null,
                STATEMENT_ANSWER_BYTES);
    }

    /** Runs a query and returns its output (TabSeparated unless the SQL says {@code FORMAT …}). */
    public String query(String sql) throws ClickHouseException, InterruptedException {
        BoundedAnswer answer = send(describe(sql), Map.of(), HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8),
                null, QUERY_ANSWER_BYTES);
        if (answer.truncated()) {
            throw new IllegalStateException("ClickHouseClient: the answer to " + describe(sql) + " has " + answer.length()
                    + " bytes, more than the " + QUERY_ANSWER_BYTES + " a query of the consumer may return; narrow the query");
        }
        return answer.text();
    }

    /** Posts an INSERT whose SQL text and rows are the (possibly compressed) body; into the configured database. */
    public void insert(EncodedBody body) throws ClickHouseException, InterruptedException {
        insert(body, "INSERT of " + body.uncompressedLength() + " bytes");
    }

    /** As {@link #insert(EncodedBody)}; {@code description} (e.g. row count and table) names the request in errors. */
    public void insert(EncodedBody body, String description) throws ClickHouseException, InterruptedException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("database", database);
        parameters.putAll(insertSettings);
        parameters.putAll(body.urlParameters());
        send(description, parameters,
                HttpRequest.BodyPublishers.ofByteArray(body.bytes(), 0, body.length()),
                body.contentEncoding().orElse(null), STATEMENT_ANSWER_BYTES);
    }

    /** {@code SELECT 1} against the server(s): for readiness checks. */
    public void ping() throws ClickHouseException, InterruptedException {
        query("SELECT 1");
    }

    private BoundedAnswer send(String operation, Map<String, String> parameters, HttpRequest.BodyPublisher body,
                               String contentEncoding, int answerBytes) throws ClickHouseException, InterruptedException {
        List<Integer> order = replicas.order();
        ClickHouseException failure = null;
        for (int attempt = 0; attempt < order.size(); attempt++) {
            int index = order.get(attempt);
            URI url = urls.get(index);
            try {
                BoundedAnswer answer = sendOnce(url, operation, parameters, body, contentEncoding, answerBytes);
                replicas.succeeded(index);
                return answer;
            } catch (ClickHouseException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
                if (!classifier.worthAnotherReplica(e)) {
                    throw e;
                }
                replicas.failed(index);
                if (attempt == order.size() - 1) {
                    throw e;
                }
                LOG.warn("ClickHouse {} failed ({}); trying {} (the failed replica goes last for {} s)", redact(url),
                        e.getMessage(), redact(urls.get(order.get(attempt + 1))), coolDownSeconds);
            }
        }
        throw Objects.requireNonNull(failure);
    }

    private BoundedAnswer sendOnce(URI base, String operation, Map<String, String> parameters,
                                   HttpRequest.BodyPublisher body, String contentEncoding, int answerBytes)
            throws ClickHouseException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(base, parameters))
                .timeout(requestTimeout)
                .POST(body);
        putCredentials(request);
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        String where = operation + " on " + redact(base);
        HttpResponse<BoundedAnswer> response = exchange(request.build(), answerBytes, where);
        BoundedAnswer answer = response.body();
        var exceptionCode = response.headers().firstValue("X-ClickHouse-Exception-Code");
        Optional<ClickHouseException> failure = classifier.failure(where, response.statusCode(), exceptionCode, answer.text());
        if (failure.isPresent()) {
            throw failure.get();
        }
        return answer;
    }

    /** One request and its whole answer, within the request timeout (the client's own timeout stops at the headers). */
    private HttpResponse<BoundedAnswer> exchange(HttpRequest request, int answerBytes, String where)
            throws ClickHouseException, InterruptedException {
        CompletableFuture<HttpResponse<BoundedAnswer>> pending = http.sendAsync(request, BoundedAnswer.handler(answerBytes));
        try {
            return pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw classifier.classify(where, new HttpTimeoutException("no complete answer within " + requestTimeout));
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw classifier.classify(where, io);
            }
            throw classifier.classify(where, new IOException(String.valueOf(cause), cause));
        }
    }

    /**
     * The JDK rejects a header value with a control character in an exception that quotes the
     * value; the loader already refuses such credentials, and this keeps the password out of any
     * message should one get here another way (the JDK's exception is not attached).
     */
    private void putCredentials(HttpRequest.Builder request) throws HaltClickHouseException {
        try {
            request.header("X-ClickHouse-User", username);
            if (!password.isEmpty()) {
                request.header("X-ClickHouse-Key", password.reveal());
            }
        } catch (IllegalArgumentException e) {
            throw new HaltClickHouseException("ClickHouse credentials: clickhouse.username or clickhouse.password holds a "
                    + "character an HTTP header cannot carry (e.g. a trailing newline); fix the configuration",
                    -1, ClickHouseException.NO_HTTP_STATUS, null);
        }
    }

    static URI endpoint(URI base, Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.put("wait_end_of_query", "1");
        all.put("send_progress_in_http_headers", "0");
        String query = all.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String text = base.toString();
        if (base.getRawQuery() != null) {
            return URI.create(text + "&" + query);
        }
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : "";
        return URI.create(text + path + "?" + query);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code scheme://host:port} only: a URL with user info must not leak it into logs. */
    static String redact(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    /** The start of the SQL, one line, for error messages (the rest may be rows of data). */
    static String describe(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return "query \"" + ClickHouseErrorClassifier.truncate(oneLine, MAX_SQL_IN_MESSAGES) + "\"";
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("ClickHouseClient: " + what + " must be positive (was " + d + ")");
        }
    }
}
