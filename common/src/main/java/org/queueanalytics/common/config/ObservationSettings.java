package org.queueanalytics.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Live queue state (README "Live queue state"): the producer asks Genesys's queue observations query every
 * {@code interval} for the owned queues and publishes one record per (queue, media type, metric, qualifier) to
 * {@code topic}; the consumer writes them to {@code tableName}. Off unless {@code enabled}.
 *
 * <p>{@code maxRequestsPerMinute} is the observations' share of {@code analytics.max_requests_per_minute} (one
 * budget, because Genesys limits the OAuth client as a whole): an observation query never waits for the budget,
 * it runs only when a slot is free at once and its own share is not used up — interval polling is never delayed
 * by more than this share.
 *
 * @param metrics the observation metrics asked for, each one of {@link #SUPPORTED_METRICS}, each once
 */
public record ObservationSettings(
        boolean enabled,
        Duration interval,
        List<String> metrics,
        int maxRequestsPerMinute,
        String topic,
        String tableName) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_REQUESTS_PER_MINUTE = 60;
    public static final String DEFAULT_TOPIC = "genesys.queue-observations";
    public static final String DEFAULT_TABLE = "queue_observations";
    /** The queue observation metrics of Genesys's {@code QueueObservationQuery} this pipeline stores. */
    public static final List<String> SUPPORTED_METRICS = List.of(
            "oWaiting", "oInteracting", "oAlerting", "oLongestWaiting", "oLongestInteracting", "oFlow",
            "oOnQueueUsers", "oOffQueueUsers", "oActiveUsers", "oMemberUsers", "oUserRoutingStatuses", "oUserPresences");
    /** What a supervisor's wallboard shows: who waits and for how long, who talks, who is on queue. */
    public static final List<String> DEFAULT_METRICS = List.of(
            "oWaiting", "oInteracting", "oAlerting", "oLongestWaiting", "oLongestInteracting",
            "oOnQueueUsers", "oActiveUsers", "oMemberUsers");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    public ObservationSettings {
        Objects.requireNonNull(interval, "interval");
        metrics = List.copyOf(metrics);
        InvalidSettingsException.Checks checks = new InvalidSettingsException.Checks();
        checks.require(interval.compareTo(Duration.ofSeconds(5)) >= 0 && interval.compareTo(Duration.ofHours(1)) <= 0,
                        "observations.interval_seconds: must be between 5 and 3600 (was " + interval.toSeconds() + ")")
                .require(!metrics.isEmpty(), "observations.metrics: must name at least one metric (valid: "
                        + String.join(", ", SUPPORTED_METRICS) + ")")
                .require(maxRequestsPerMinute >= 1, "observations.max_requests_per_minute: must be at least 1")
                .require(topic != null && TOPIC.matcher(topic).matches() && !topic.equals(".") && !topic.equals(".."),
                        "observations.topic: must be a Kafka topic name (letters, digits, '.', '_', '-'; was \"" + topic + "\")")
                .require(tableName != null && IDENTIFIER.matcher(tableName).matches(),
                        "observations.table_name: must be a plain identifier (letters, digits, '_'; was \"" + tableName + "\")");
        for (int i = 0; i < metrics.size(); i++) {
            String metric = metrics.get(i);
            String key = "observations.metrics[" + i + "]: \"" + metric + "\" ";
            checks.require(SUPPORTED_METRICS.contains(metric), key + "is not a queue observation metric (valid: "
                    + String.join(", ", SUPPORTED_METRICS) + ")");
            checks.require(metrics.indexOf(metric) == i, key + "is listed twice (first at observations.metrics["
                    + metrics.indexOf(metric) + "])");
        }
        checks.throwIfAny();
    }

    /** Off, with every default. */
    public static ObservationSettings disabled() {
        return new ObservationSettings(false, DEFAULT_INTERVAL, DEFAULT_METRICS, DEFAULT_MAX_REQUESTS_PER_MINUTE, DEFAULT_TOPIC,
                DEFAULT_TABLE);
    }

    public ObservationSettings withEnabled(boolean on) {
        return new ObservationSettings(on, interval, metrics, maxRequestsPerMinute, topic, tableName);
    }

    static ObservationSettings read(ConfigSection s) {
        boolean enabled = s.bool("enabled", false);
        Duration interval = s.seconds("interval_seconds", DEFAULT_INTERVAL, 5, 3600);
        List<String> metrics = s.has("metrics") ? s.strings("metrics") : DEFAULT_METRICS;
        int rpm = (int) s.integer("max_requests_per_minute", DEFAULT_MAX_REQUESTS_PER_MINUTE, 1, 100_000);
        String topic = s.string("topic", DEFAULT_TOPIC);
        String table = s.string("table_name", DEFAULT_TABLE);
        return s.build(() -> new ObservationSettings(enabled, interval, metrics, rpm, topic, table));
    }
}
