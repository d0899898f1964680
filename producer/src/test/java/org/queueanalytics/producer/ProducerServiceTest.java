package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.genesys.AggregatesQuery;
import org.queueanalytics.producer.genesys.GenesysException;
import org.queueanalytics.producer.genesys.GenesysPermissionException;
import org.queueanalytics.producer.genesys.GenesysQueryRejectedException;
import org.queueanalytics.producer.genesys.GenesysRequestRejectedException;
import org.queueanalytics.producer.genesys.GenesysUnavailableException;
import org.queueanalytics.producer.genesys.IntervalStatistics;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.genesys.SkipReason;
import org.queueanalytics.producer.genesys.SkippedGroups;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.publish.PublishException;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.producer.time.StopSignal;
import org.slf4j.LoggerFactory;

class ProducerServiceTest {
    private static final List<Queue> QUEUES = List.of(new Queue("q1", "Sales"), new Queue("q2", "Support"));
    private static final String LIVE = "live/0/1";

    private final MutableClock clock = MutableClock.at("2025-01-27T08:47:00Z");
    private final RecordingSink sink = new RecordingSink();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final FakeStatistics statistics = new FakeStatistics();
    private final RecordingSleeper loopWaits = new RecordingSleeper(clock);

    /** One record per queue per window (enough to count), fetched "now". */
    final class FakeStatistics implements IntervalStatistics {
        final List<TimeWindow> windows = new ArrayList<>();
        final List<List<Queue>> queueLists = new ArrayList<>();
        GenesysException failOnCall;
        int failAtCall = -1;
        Runnable afterCall = () -> { };
        /** When set, a fetch after a stop is refused as the real client's request budget refuses it. */
        StopSignal stop;
        /** When set, every fetch skips one result group for this reason, as the real client does with a group lacking it. */
        SkipReason skipEachFetch;
        private long skipped;

        @Override
        public SkippedGroups takeSkippedGroups() {
            SkippedGroups taken = skipEachFetch == null ? SkippedGroups.NONE : new SkippedGroups(Map.of(skipEachFetch, skipped));
            skipped = 0;
            return taken;
        }

        @Override
        public List<QueueIntervalRecord> fetch(List<Queue> queues, TimeWindow window) throws GenesysException, InterruptedException {
            if (stop != null && stop.isStopped()) {
                throw new InterruptedException("the producer is shutting down");
            }
            if (windows.size() == failAtCall) {
                failAtCall = -1;
                throw failOnCall;
            }
            windows.add(window);
            queueLists.add(queues);
            skipped++;
            afterCall.run();
            return queues.stream().map(q -> record(q, window)).toList();
        }

        private QueueIntervalRecord record(Queue q, TimeWindow w) {
            return QueueIntervalRecord.builder().queueId(q.id()).queueName(q.name()).mediaType("voice")
                    .intervalStart(w.start()).intervalEnd(w.start().plus(Duration.ofMinutes(30))).granularity("PT30M")
                    .fetchedAt(clock.instant()).offered(1).answered(1).serviceLevelPct(100.0).slNumerator(1)
                    .slDenominator(1).slTarget(0.8).answerTimeMs(1000).waitTimeMs(1000).talkTimeMs(1000)
                    .handleTimeMs(1000).handleCount(1).build();
        }
    }

    private ProducerService service(PipelineConfig config, List<Queue> queues, Shard shard) {
        return ProducerWiring.forConfig(config).clock(clock).shard(shard).stop(new StopSignal()).waits(loopWaits)
                .genesys(new GenesysInputs(() -> queues, statistics, () -> 7L, () -> 1L))
                .kafka(() -> new KafkaOutputs(sink, checkpoints)).service();
    }

    private ProducerService service() {
        return service(TestConfigs.config(""), QUEUES, Shard.ALL);
    }

    @Test
    void theFirstCycleFetchesTheDeepLookbackPublishesItAndCheckpointsEveryWindow() throws Exception {
        PollReport report = service().runOnce();

        assertThat(statistics.windows).hasSize(5);
        assertThat(statistics.windows.get(0).start()).isEqualTo(Instant.parse("2025-01-23T08:30:00Z"));
        assertThat(report.windows()).isEqualTo(5);
        assertThat(report.records()).isEqualTo(10);
        assertThat(sink.published).hasSize(10);
        assertThat(checkpoints.saves).hasSize(5);
        Checkpoint last = checkpoints.get(LIVE).orElseThrow();
        assertThat(last.polledUntil()).isEqualTo(Instant.parse("2025-01-27T08:30:00Z"));
        assertThat(last.lastDeepPoll()).isEqualTo(clock.instant());
    }

    @Test
    void theDeepPollIsRecordedOnlyWhenItsLastWindowIsDone() throws Exception {
        service().runOnce();

        assertThat(checkpoints.saves.subList(0, 4)).allMatch(c -> c.lastDeepPoll() == null);
    }

    @Test
    void theCheckpointStaysWhenKafkaRefusesTheRecords() {
        sink.failing = true;

        assertThatThrownBy(() -> service().runOnce()).isInstanceOf(PublishException.class);
        assertThat(checkpoints.saves).isEmpty();
    }

    @Test
    void aRetriableKafkaErrorFailsOnlyThatCycleAndTheNextCycleTriesAgain() throws Exception {
        StopSignal stop = new StopSignal();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ProducerService service = ProducerWiring.forConfig(TestConfigs.config("")).clock(clock).shard(Shard.ALL).stop(stop)
                .waits(loopWaits).genesys(new GenesysInputs(() -> {
                    if (calls.getAndIncrement() == 0) {
                        throw new org.apache.kafka.common.errors.TimeoutException("Topic queue-intervals not present in metadata after 60000 ms");
                    }
                    return QUEUES;
                }, statistics, () -> 0L, () -> 0L)).kafka(() -> new KafkaOutputs(sink, checkpoints)).service();
        statistics.afterCall = stop::stop; // the second cycle is the last

        service.runUntilStopped();

        assertThat(service.status().cyclesFailed()).isEqualTo(1);
        assertThat(service.status().cyclesSucceeded()).isEqualTo(1);
        assertThat(sink.published).isNotEmpty();
    }

    @Test
    void anUnexpectedExceptionEndsTheLoopAndReachesTheCaller() {
        StopSignal stop = new StopSignal();
        ProducerService service = ProducerWiring.forConfig(TestConfigs.config("")).clock(clock).shard(Shard.ALL).stop(stop)
                .waits(loopWaits).genesys(new GenesysInputs(() -> {
                    throw new IllegalStateException("a bug");
                }, statistics, () -> 0L, () -> 0L)).kafka(() -> new KafkaOutputs(sink, checkpoints)).service();

        assertThatThrownBy(service::runUntilStopped).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
        assertThat(service.status().state()).isEqualTo("STOPPED");
        assertThat(service.status().ready()).isFalse();
    }

    @Test
    void aWindowThatFailsKeepsTheCheckpointOfTheWindowsBeforeIt() {
        statistics.failAtCall = 2;
        statistics.failOnCall = new GenesysUnavailableException("Genesys down (test)", 503, null);

        assertThatThrownBy(() -> service().runOnce()).isInstanceOf(GenesysUnavailableException.class);
        assertThat(checkpoints.saves).hasSize(2);
        assertThat(checkpoints.get(LIVE).orElseThrow().polledUntil()).isEqualTo(statistics.windows.get(1).end());
    }

    @Test
    void aRestartAfterDowntimeResumesFromTheCheckpoint() throws Exception {
        service().runOnce();
        Instant checkpoint = checkpoints.get(LIVE).orElseThrow().polledUntil();
        statistics.windows.clear();
        clock.advance(Duration.ofHours(10));

        service().runOnce();

        assertThat(statistics.windows.get(0).start()).isEqualTo(checkpoint.minus(Duration.ofHours(6)));
        assertThat(statistics.windows.get(statistics.windows.size() - 1).end()).isEqualTo(Instant.parse("2025-01-27T19:00:00Z"));
    }

    @Test
    void theDeepLookbackIsRepolledADayAfterTheLastDeepPollAndNotBefore() throws Exception {
        ProducerService service = service();
        service.runOnce();
        for (int hour = 1; hour < 24; hour++) {
            clock.advance(Duration.ofHours(1));
            statistics.windows.clear();
            service.runOnce();
            assertThat(statistics.windows).as("cycle after %d h", hour).hasSize(1);
            assertThat(statistics.windows.get(0).start()).isEqualTo(checkpoints.saves.get(checkpoints.saves.size() - 2)
                    .polledUntil().minus(Duration.ofHours(6)));
        }
        clock.advance(Duration.ofHours(1));
        statistics.windows.clear();

        service.runOnce();

        assertThat(statistics.windows.get(0).start()).isEqualTo(Instant.parse("2025-01-24T08:30:00Z")); // now − 4 days
        assertThat(checkpoints.get(LIVE).orElseThrow().lastDeepPoll()).isEqualTo(clock.instant());
    }

    @Test
    void afterAnOutageLongerThanTheMaximumCatchUpOnlyThatMaximumIsPolled() throws Exception {
        service().runOnce();
        clock.advance(Duration.ofDays(9));
        statistics.windows.clear();

        PollReport report = service().runOnce();

        // not from the checkpoint minus the lookback (2025-01-27T02:30): 7 days back at most; the backfill command fills the rest
        assertThat(statistics.windows.get(0).start()).isEqualTo(Instant.parse("2025-01-29T08:30:00Z"));
        assertThat(statistics.windows).hasSize(8);
        assertThat(report.polledUntil()).isEqualTo(Instant.parse("2025-02-05T08:30:00Z"));
    }

    @Test
    void theCheckpointNeverMovesBackwards() throws Exception {
        ProducerService service = service();
        service.runOnce();
        Instant first = checkpoints.get(LIVE).orElseThrow().polledUntil();

        service.runOnce();

        assertThat(checkpoints.saves).allMatch(c -> !c.polledUntil().isBefore(first) || checkpoints.saves.indexOf(c) < 5);
        assertThat(checkpoints.get(LIVE).orElseThrow().polledUntil()).isEqualTo(first);
    }

    @Test
    void pollsOnlyTheQueuesOfItsShard() throws Exception {
        List<Queue> many = IntStream.range(0, 40).mapToObj(i -> new Queue("queue-" + i, "Q" + i)).toList();
        Shard shard = new Shard(1, 2);

        service(TestConfigs.config(""), many, shard).runOnce();

        assertThat(statistics.queueLists.get(0)).isNotEmpty().allMatch(q -> shard.contains(q.id()));
        assertThat(checkpoints.get("live/1/2")).isPresent();
    }

    @Test
    void aFixedRangeIsPolledOnceUnderItsOwnCheckpoint() throws Exception {
        PipelineConfig config = TestConfigs.config("\"date_from\":\"2025-01-01T00:00:00Z\",\"date_to\":\"2025-01-02T23:59:59Z\"");
        ProducerService service = service(config, QUEUES, Shard.ALL);

        service.runUntilStopped();

        assertThat(statistics.windows).containsExactly(
                new TimeWindow(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z")),
                new TimeWindow(Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-01-03T00:00:00Z")));
        assertThat(checkpoints.get("range/2025-01-01T00:00:00Z/2025-01-02T23:59:59Z/0/1")).isPresent();
        assertThat(checkpoints.get(LIVE)).isEmpty();
    }

    @Test
    void anInterruptedBackfillResumesAfterItsLastFinishedWindow() throws Exception {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2025-01-05T00:00:00Z");
        statistics.failAtCall = 2;
        statistics.failOnCall = new GenesysUnavailableException("Genesys down (test)", 503, null);
        assertThatThrownBy(() -> service().backfill(from, to, ProgressListener.NONE))
                .isInstanceOf(GenesysUnavailableException.class);
        statistics.windows.clear();
        List<String> progress = new ArrayList<>();

        PollReport report = service().backfill(from, to, (done, total, records) -> progress.add(done + "/" + total + ":" + records));

        assertThat(statistics.windows).extracting(TimeWindow::start)
                .containsExactly(Instant.parse("2025-01-03T00:00:00Z"), Instant.parse("2025-01-04T00:00:00Z"));
        assertThat(progress).containsExactly("1/2:2", "2/2:4");
        assertThat(report.polledUntil()).isEqualTo(to);
    }

    @Test
    void aMissingPermissionStopsTheLoopWithAFailureNamingIt() {
        statistics.failAtCall = 0;
        statistics.failOnCall = new GenesysPermissionException("the OAuth client lacks analytics:conversationAggregate:view",
                "analytics:conversationAggregate:view");
        ProducerService service = service();

        assertThatThrownBy(service::runUntilStopped)
                .isInstanceOf(ProducerFailure.class)
                .hasMessageContaining("Genesys Cloud client")
                .hasMessageContaining("analytics:conversationAggregate:view");
        assertThat(service.status().state()).isEqualTo("FAILED");
        assertThat(service.failure()).isPresent();
    }

    @Test
    void aRetryableFailureFailsTheCycleAndTheNextCycleTriesAgainAndBothAreCounted() throws Exception {
        statistics.failAtCall = 0;
        statistics.failOnCall = new GenesysUnavailableException("Genesys down (test)", 503, null);
        ProducerService service = service();
        statistics.afterCall = () -> {
            if (statistics.windows.size() == 5) {
                service.close();
            }
        };

        service.runUntilStopped();

        assertThat(loopWaits.waits()).containsExactly(Duration.ofSeconds(60));
        assertThat(statistics.windows).hasSize(5);
        assertThat(service.status().lastError()).isNull();
        assertThat(service.status().lastPollCompleted()).isNotNull();
        assertThat(service.status().cyclesFailed()).isEqualTo(1);
        assertThat(service.status().cyclesSucceeded()).isEqualTo(1);
    }

    /** What the aggregates client throws for a 400 that is not about the query's size. */
    private static GenesysQueryRejectedException refusedQuery(TimeWindow window) {
        AggregatesQuery query = new AggregatesQuery(List.of("q1", "q2"), window, Duration.ofMinutes(30), List.of());
        return new GenesysQueryRejectedException(query, new GenesysRequestRejectedException("Genesys Cloud POST "
                + "/api/v2/analytics/conversations/aggregates/query answered HTTP 400", 400, "invalid.value",
                "metrics: 'tFoo' is not a conversation aggregate metric", false), "not as too large, so it was not split");
    }

    @Test
    void aQueryRefusedForAReasonOtherThanSizeKeepsTheCheckpointBeforeItsWindow() {
        statistics.failAtCall = 2;
        statistics.failOnCall = refusedQuery(new TimeWindow(Instant.parse("2025-01-25T08:00:00Z"), Instant.parse("2025-01-26T08:00:00Z")));

        assertThatThrownBy(() -> service().runOnce()).isInstanceOf(GenesysQueryRejectedException.class);

        assertThat(checkpoints.saves).hasSize(2);
        assertThat(checkpoints.get(LIVE).orElseThrow().polledUntil()).isEqualTo(statistics.windows.get(1).end());
    }

    @Test
    void aQueryRefusedForAReasonOtherThanSizeFailsTheCycleNotTheProducerAndTheNextCycleTriesAgain() throws Exception {
        statistics.failAtCall = 2;
        statistics.failOnCall = refusedQuery(new TimeWindow(Instant.parse("2025-01-25T08:00:00Z"), Instant.parse("2025-01-26T08:00:00Z")));
        ProducerService service = service();
        List<String> errorsBetweenCycles = new ArrayList<>();
        statistics.afterCall = () -> {
            if (statistics.windows.size() == 3) {
                errorsBetweenCycles.add(service.status().lastError());
            }
            if (statistics.windows.size() == 7) { // 2 windows before the refusal, then the whole deep poll again
                service.close();
            }
        };

        service.runUntilStopped();

        assertThat(service.failure()).isEmpty();
        assertThat(errorsBetweenCycles).singleElement().asString()
                .contains("Genesys Cloud client")
                .contains("metrics: 'tFoo' is not a conversation aggregate metric")
                .contains("invalid.value");
        assertThat(loopWaits.waits()).containsExactly(Duration.ofSeconds(60));
        assertThat(service.status().cyclesFailed()).isEqualTo(1);
        assertThat(service.status().cyclesSucceeded()).isEqualTo(1);
        assertThat(checkpoints.get(LIVE).orElseThrow().polledUntil()).isEqualTo(Instant.parse("2025-01-27T08:30:00Z"));
    }

    @Test
    void skippedResultGroupsAreLoggedInOneWarningPerCycleNotOnePerGroup() throws Exception {
        statistics.skipEachFetch = SkipReason.MISSING_MEDIA_TYPE;
        Logger log = (Logger) LoggerFactory.getLogger(ProducerService.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        try {
            ProducerService service = service();
            service.runOnce(); // 5 windows, one skipped group each
            clock.advance(Duration.ofMinutes(1));
            service.runOnce();
        } finally {
            log.detachAppender(appender);
        }

        List<String> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("skipped 5 aggregates result group(s)").contains("(5 missing_media_type)")
                .contains("producer_groups_skipped_total");
    }

    @Test
    void theStatusReportsProgressForTheAdminServer() throws Exception {
        ProducerService service = service();
        service.runOnce();

        ProducerStatus status = service.status();

        assertThat(status.recordsPublished()).isEqualTo(10);
        assertThat(status.windowsPolled()).isEqualTo(5);
        assertThat(status.requestsSent()).isEqualTo(7);
        assertThat(status.queues()).isEqualTo(2);
        assertThat(status.checkpoints()).containsEntry(LIVE, Instant.parse("2025-01-27T08:30:00Z"));
        assertThat(status.lastDeepPoll()).isEqualTo(clock.instant());
        assertThat(status.lastPollStarted()).isNotNull();
        assertThat(status.lastError()).isNull();
    }

    @Test
    void closeEndsTheWaitBetweenCyclesAtOnce() throws Exception {
        StopSignal stop = new StopSignal();
        ProducerService service = ProducerWiring.forConfig(TestConfigs.config("")).clock(clock).shard(Shard.ALL).stop(stop)
                .genesys(new GenesysInputs(() -> QUEUES, statistics, () -> 0L, () -> 0L))
                .kafka(() -> new KafkaOutputs(sink, checkpoints)).service();
        service.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> "WAITING".equals(service.status().state())); // a 60 s wait began

        assertTimeoutPreemptively(Duration.ofSeconds(5), service::close);

        assertThat(service.status().state()).isEqualTo("STOPPED");
        assertThat(service.status().cyclesSucceeded()).isEqualTo(1);
        assertThat(sink.closed).isTrue();
    }

    @Test
    void closeDuringABackfillLetsTheRunningWindowFinishBeforeClosingKafka() throws Exception {
        StopSignal stop = new StopSignal();
        ProducerService service = ProducerWiring.forConfig(TestConfigs.config("")).clock(clock).shard(Shard.ALL).stop(stop)
                .genesys(new GenesysInputs(() -> QUEUES, statistics, () -> 0L, () -> 0L))
                .kafka(() -> new KafkaOutputs(sink, checkpoints)).service();
        statistics.stop = stop;
        Thread closer = new Thread(service::close, "test-sigterm");
        statistics.afterCall = () -> {
            if (statistics.windows.size() == 2) {
                closer.start(); // as a shutdown hook would, while window 2 is fetched but not yet published
                await().atMost(Duration.ofSeconds(5)).until(stop::isStopped);
            }
        };
        Instant from = Instant.parse("2025-01-01T00:00:00Z");

        assertThatThrownBy(() -> service.backfill(from, Instant.parse("2025-01-05T00:00:00Z"), ProgressListener.NONE))
                .isInstanceOf(InterruptedException.class);
        closer.join(5_000);

        assertThat(sink.published).hasSize(4);
        assertThat(sink.publishedAfterClose).as("records sent to a closed Kafka producer").isZero();
        assertThat(sink.closed).isTrue();
        assertThat(checkpoints.get(Checkpoint.rangeId(from, Instant.parse("2025-01-05T00:00:00Z"), Shard.ALL)).orElseThrow()
                .polledUntil()).isEqualTo(Instant.parse("2025-01-03T00:00:00Z"));
    }

    @Test
    void closeIsIdempotentAndClosesKafka() throws Exception {
        ProducerService service = service();
        service.runOnce();

        service.close();
        service.close();

        assertThat(sink.closed).isTrue();
        assertThat(service.status().state()).isEqualTo("STOPPED");
        assertThatThrownBy(service::runOnce).isInstanceOf(InterruptedException.class);
    }
}
