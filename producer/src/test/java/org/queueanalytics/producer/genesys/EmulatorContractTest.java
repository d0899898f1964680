package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.OAuthSettings;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.common.config.Secret;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.emulator.Endpoints;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.emulator.analytics.MetricValue;
import org.queueanalytics.emulator.analytics.ServedInterval;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.time.StopSignal;

/** The producer's Genesys client against the project's Genesys Cloud emulator (same wire contract). */
class EmulatorContractTest {
    private static final Duration PT30M = Duration.ofMinutes(30);
    private static final RetrySettings RETRY = new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(50));

    private final Clock clock = Clock.systemUTC();
    private final StopSignal stop = new StopSignal();
    private GenesysEmulator emulator;

    @AfterEach
    void close() {
        stop.stop();
        if (emulator != null) {
            emulator.close();
        }
    }

    private GenesysHttpClient client(String clientSecret) {
        OAuthSettings oauth = new OAuthSettings(emulator.baseUrl(), emulator.baseUrl(), emulator.credentials().clientId(),
                Secret.of(clientSecret));
        return GenesysHttpClient.create(oauth, 10_000, RETRY, clock, stop);
    }

    private GenesysHttpClient client() {
        return client(emulator.credentials().clientSecret());
    }

    /** Twelve hours of yesterday. */
    private static TimeWindow yesterday() {
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
        return new TimeWindow(midnight.minus(Duration.ofHours(18)), midnight.minus(Duration.ofHours(6)));
    }

    @Test
    void everyRecordCarriesExactlyWhatTheEmulatorServed() throws Exception {
        emulator = GenesysEmulator.builder().queues(120).seed(7).build().start();
        GenesysHttpClient client = client();
        List<Queue> queues = new QueueDirectory(client, List.of(), clock, Duration.ofHours(1)).queues();

        List<QueueIntervalRecord> records = new AggregatesClient(client, PT30M, List.of(), clock).fetch(queues, yesterday());

        assertThat(queues).hasSize(120);
        assertThat(emulator.requestCount(Endpoints.AGGREGATES)).isEqualTo(2);
        assertThat(records).isNotEmpty();
        for (QueueIntervalRecord r : records) {
            ServedInterval served = emulator.served(r.queueId(), r.mediaType(), r.intervalStart(), r.intervalEnd()).orElseThrow();
            assertThat(r.offered()).isEqualTo(count(served, "nOffered"));
            assertThat(r.answered()).isEqualTo(count(served, "tAnswered"));
            assertThat(r.abandoned()).isEqualTo(count(served, "tAbandon"));
            assertThat(r.overSla()).isEqualTo(count(served, "nOverSla"));
            assertThat(r.answerTimeMs()).isEqualTo(sum(served, "tAnswered"));
            assertThat(r.waitTimeMs()).isEqualTo(sum(served, "tWait"));
            assertThat(r.talkTimeMs()).isEqualTo(sum(served, "tTalkComplete"));
            assertThat(r.handleTimeMs()).isEqualTo(sum(served, "tHandle"));
            assertThat(r.handleCount()).isEqualTo(count(served, "tHandle"));
            assertThat(r.transferred()).isEqualTo(count(served, "nTransferred"));
            assertThat(r.intervalEnd()).isEqualTo(r.intervalStart().plus(PT30M));
        }
        assertThat(records).hasSize(emulator.served().size());
    }

    @Test
    void aPredicateLimitIsMetBySplittingTheQueueBatch() throws Exception {
        emulator = GenesysEmulator.builder().queues(40).seed(3).maxPredicates(10).build().start();
        GenesysHttpClient client = client();
        List<Queue> queues = new QueueDirectory(client, List.of(), clock, Duration.ofHours(1)).queues();

        List<QueueIntervalRecord> records = new AggregatesClient(client, PT30M, List.of(), clock).fetch(queues, yesterday());

        assertThat(records).extracting(QueueIntervalRecord::queueId).hasSameElementsAs(
                emulator.served().stream().map(ServedInterval::queueId).distinct().toList());
        assertThat(records).hasSize(emulator.served().size());
    }

    @Test
    void oneMediaTypeIsFilteredWithTheReferencesAndForm() throws Exception {
        emulator = GenesysEmulator.builder().queues(10).seed(9).build().start();
        GenesysHttpClient client = client();
        List<Queue> queues = new QueueDirectory(client, List.of(), clock, Duration.ofHours(1)).queues();

        List<QueueIntervalRecord> records = new AggregatesClient(client, PT30M, List.of("voice"), clock).fetch(queues, yesterday());

        assertThat(records).isNotEmpty().hasSize(emulator.served().size())
                .extracting(QueueIntervalRecord::mediaType).containsOnly("voice");
    }

    @Test
    void configuredIdsResolveToNamesAndADeletedQueueKeepsItsId() throws Exception {
        emulator = GenesysEmulator.builder().queues(5).deletedQueues(1).seed(5).build().start();
        EmulatedQueue live = emulator.queues().get(0);
        EmulatedQueue deleted = emulator.deletedQueues().get(0);

        List<Queue> queues = new QueueDirectory(client(), List.of(live.id().toString(), deleted.id().toString()), clock,
                Duration.ofHours(1)).queues();

        assertThat(queues).containsExactly(new Queue(live.id().toString(), live.name()),
                new Queue(deleted.id().toString(), deleted.id().toString()));
    }

    @Test
    void revokedTokensAreReplacedOnce() throws Exception {
        emulator = GenesysEmulator.builder().queues(3).build().start();
        GenesysHttpClient client = client();
        QueueDirectory directory = new QueueDirectory(client, List.of(), clock, Duration.ZERO);
        directory.queues();

        emulator.revokeTokens();
        directory.queues();

        assertThat(emulator.tokensIssued()).isEqualTo(2);
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        emulator = GenesysEmulator.builder().queues(3).build().start();
        GenesysHttpClient client = client();
        client.tokens().current();
        emulator.failNext(2, 503);

        assertThat(new QueueDirectory(client, List.of(), clock, Duration.ofHours(1)).queues()).hasSize(3);
    }

    @Test
    void aDeniedPermissionIsNamed() {
        emulator = GenesysEmulator.builder().queues(3).denyPermission("routing:queue:view").build().start();

        assertThatThrownBy(() -> new QueueDirectory(client(), List.of(), clock, Duration.ofHours(1)).queues())
                .isInstanceOfSatisfying(GenesysPermissionException.class,
                        e -> assertThat(e.permission()).isEqualTo("routing:queue:view"));
    }

    @Test
    void aWrongSecretIsAnAuthenticationErrorThatDoesNotLeakIt() {
        emulator = GenesysEmulator.builder().queues(3).build().start();

        assertThatThrownBy(() -> new QueueDirectory(client("wrong-secret-123"), List.of(), clock, Duration.ofHours(1)).queues())
                .isInstanceOf(GenesysAuthenticationException.class)
                .hasMessageContaining("oauth.client_secret")
                .hasMessageNotContaining("wrong-secret-123");
    }

    private static long count(ServedInterval served, String metric) {
        return served.metric(metric).map(MetricValue::count).orElse(0L);
    }

    private static long sum(ServedInterval served, String metric) {
        return served.metric(metric).map(MetricValue::sum).orElse(0L);
    }
}
