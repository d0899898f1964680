package org.queueanalytics.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.queueanalytics.emulator.analytics.ContactSource;
import org.queueanalytics.emulator.analytics.IngestionModel;
import org.queueanalytics.emulator.analytics.ServiceLevelOptions;
import org.queueanalytics.emulator.auth.ClientCredentials;
import org.queueanalytics.emulator.faults.FaultSettings;

/**
 * Everything that shapes one emulator instance, validated at construction. Built through
 * {@link GenesysEmulator#builder()}; defaults are the constants below.
 *
 * @param deletedQueues           queues present in analytics answers but not in the routing list
 * @param ingestion               when events show in answers (ingestion delay, reprocessing)
 * @param serviceLevelOptions     whether flow-outs and short abandons count in {@code oServiceLevel}
 * @param emptyResultsAsEmptyObject answer {@code {}} (the default, as Genesys does) instead of
 *                                  {@code {"results":[]}} when nothing matches (aggregates and observations)
 * @param maxPredicates           predicates per aggregates query, {@code queueId} predicates per observations query
 * @param contactSource           the conversations behind the aggregates and the observations; null = generated
 *                                from the seed
 */
public record EmulatorSettings(String host, int port, int queues, int deletedQueues, long seed, Duration tokenTtl,
                               int rateLimitPerMinute, ClientCredentials credentials, Set<String> deniedPermissions,
                               FaultSettings faults, IngestionModel ingestion, ServiceLevelOptions serviceLevelOptions,
                               boolean emptyResultsAsEmptyObject, int maxPredicates, ContactSource contactSource,
                               Clock clock) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_QUEUES = 50;
    public static final long DEFAULT_SEED = 42;
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofSeconds(86_400);
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 300;
    public static final int DEFAULT_MAX_PREDICATES = 100;

    public EmulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ingestion, "ingestion");
        Objects.requireNonNull(serviceLevelOptions, "serviceLevelOptions");
        deniedPermissions = Set.copyOf(deniedPermissions);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535 (0 = any free port), got " + port);
        }
        if (queues < 0 || deletedQueues < 0) {
            throw new IllegalArgumentException("queue counts must be ≥ 0, got queues=" + queues + ", deleted=" + deletedQueues);
        }
        if (tokenTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("token TTL must be at least 1 second, got " + tokenTtl);
        }
        if (rateLimitPerMinute < 1) {
            throw new IllegalArgumentException("rate limit per minute must be ≥ 1, got " + rateLimitPerMinute);
        }
        if (maxPredicates < 1) {
            throw new IllegalArgumentException("max predicates must be ≥ 1, got " + maxPredicates);
        }
    }
}
