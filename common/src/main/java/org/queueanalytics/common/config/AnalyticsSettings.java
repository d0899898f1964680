package org.queueanalytics.common.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the producer asks Genesys for. {@code interval} is the Genesys granularity; {@code date_from}
 * and {@code date_to} bound a one-off range (both) or a backfill start (only {@code date_from});
 * {@code date_to} is an exclusive bound, rounded up to the granularity by the planner.
 * {@code media_types} lists {@link #GENESYS_MEDIA_TYPES} values, each at most once (empty: all).
 */
public record AnalyticsSettings(
        Duration interval,
        Instant dateFrom,
        Instant dateTo,
        List<String> queueIds,
        List<String> mediaTypes,
        Duration lookback,
        Duration deepLookback,
        int maxRequestsPerMinute,
        Duration maxCatchUp) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(6);
    public static final Duration DEFAULT_DEEP_LOOKBACK = Duration.ofDays(4);
    public static final int DEFAULT_MAX_REQUESTS_PER_MINUTE = 250;
    /** How far back a producer restarted after downtime polls from its checkpoint (longer gaps need a backfill). */
    public static final Duration DEFAULT_MAX_CATCH_UP = Duration.ofDays(7);
    /**
     * The media types Genesys Cloud documents for the {@code mediaType} dimension of conversation
     * aggregates. Anything else (a typo such as "call") matches nothing, so it is refused at load.
     */
    public static final List<String> GENESYS_MEDIA_TYPES = List.of("callback", "chat", "cobrowse", "email",
            "internalmessage", "message", "screenshare", "video", "voice");
    private static final Duration DAY = Duration.ofDays(1);

    public AnalyticsSettings {
        Objects.requireNonNull(interval, "interval");
        queueIds = List.copyOf(queueIds);
        mediaTypes = List.copyOf(mediaTypes);
        Objects.requireNonNull(lookback, "lookback");
        Objects.requireNonNull(deepLookback, "deepLookback");
        Objects.requireNonNull(maxCatchUp, "maxCatchUp");
        String problem = intervalProblem(interval);
        InvalidSettingsException.Checks checks = new InvalidSettingsException.Checks();
        checkMediaTypes(mediaTypes, checks);
        checks
                .require(problem == null, "analytics.interval: " + problem + " (was " + interval + ")")
                .require(dateTo == null || dateFrom != null, "analytics.date_to: needs analytics.date_from as well")
                .require(dateTo == null || dateFrom == null || dateTo.isAfter(dateFrom),
                        "analytics.date_to: must come after analytics.date_from")
                .require(deepLookback.compareTo(lookback) >= 0,
                        "analytics.deep_lookback_seconds: must be at least analytics.lookback_seconds")
                .require(maxRequestsPerMinute >= 1, "analytics.max_requests_per_minute: must be at least 1")
                .require(maxCatchUp.compareTo(deepLookback) >= 0,
                        "analytics.max_catch_up_seconds: must be at least analytics.deep_lookback_seconds")
                .throwIfAny();
    }

    /** True when a fixed range is polled once and the producer then stops. */
    public boolean fixedRange() {
        return dateFrom != null && dateTo != null;
    }

    private static void checkMediaTypes(List<String> mediaTypes, InvalidSettingsException.Checks checks) {
        for (int i = 0; i < mediaTypes.size(); i++) {
            String type = mediaTypes.get(i);
            String key = "analytics.media_types[" + i + "]: \"" + type + "\" ";
            checks.require(GENESYS_MEDIA_TYPES.contains(type), key + "is not a Genesys media type (valid: "
                    + String.join(", ", GENESYS_MEDIA_TYPES) + ")");
            checks.require(mediaTypes.indexOf(type) == i, key + "is listed twice (first at analytics.media_types["
                    + mediaTypes.indexOf(type) + "])");
        }
    }

    private static String intervalProblem(Duration interval) {
        if (interval.compareTo(Duration.ofMinutes(1)) < 0 || interval.compareTo(DAY) > 0) {
            return "must be between PT1M and P1D";
        }
        if (DAY.toSeconds() % interval.toSeconds() != 0) {
            return "must divide a day evenly (PT15M, PT30M, PT1H, …) so intervals align";
        }
        return null;
    }

    static AnalyticsSettings read(ConfigSection s) {
        Duration interval = s.isoDuration("interval", DEFAULT_INTERVAL);
        Instant from = s.instant("date_from");
        Instant to = s.instant("date_to");
        List<String> queues = s.strings("queue_ids");
        List<String> media = s.strings("media_types");
        Duration lookback = s.seconds("lookback_seconds", DEFAULT_LOOKBACK, 0, Duration.ofDays(31).toSeconds());
        Duration deep = s.seconds("deep_lookback_seconds", DEFAULT_DEEP_LOOKBACK, 0, Duration.ofDays(31).toSeconds());
        int rpm = (int) s.integer("max_requests_per_minute", DEFAULT_MAX_REQUESTS_PER_MINUTE, 1, 100_000);
        Duration catchUp = s.seconds("max_catch_up_seconds", DEFAULT_MAX_CATCH_UP.compareTo(deep) >= 0 ? DEFAULT_MAX_CATCH_UP : deep,
                0, Duration.ofDays(366).toSeconds());
        return s.build(() -> new AnalyticsSettings(interval, from, to, queues, media, lookback, deep, rpm, catchUp));
    }
}
