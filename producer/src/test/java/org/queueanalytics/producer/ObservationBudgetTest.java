package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.ConfigException;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.ScriptedGenesys;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.producer.observations.ObservationAnswers;
import org.queueanalytics.producer.observations.ObservationPoller;
import org.queueanalytics.producer.observations.SnapshotOutcome;
import org.queueanalytics.producer.observations.SnapshotReport;
import org.queueanalytics.producer.publish.ObservationSink;
import org.queueanalytics.producer.publish.RecordSink;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.time.Sleeper;
import org.queueanalytics.producer.time.StopSignal;
import org.queueanalytics.testsupport.MutableClock;

/**
 * Issue 16's budget rule at 1,000 queues: the production wiring (one {@link GenesysHttpClient}, one token,
 * one request budget of the default 250 a minute, the real planner, aggregates client and observation
 * client) polls an in-test Genesys stub for one hour of virtual time at the default settings —
 * {@code poll_interval_seconds} 300, the first cycle with the 4-day deep re-poll — once with
 * observations disabled and once enabled at the default 15 s. Interval polling must send exactly the
 * same aggregates queries and wait no longer for the budget.
 *
 * <p>Time is virtual: every wait of the service (budget, the interval between cycles) advances the
 * clock, and the observation snapshots due within a wait run at their instants — on the waiting
 * thread, so each sees the budget exactly as a concurrent poller would at that instant (a waiting
 * interval request holds its reserved slot). HTTP is real.
 */
class ObservationBudgetTest {
    private static final int QUEUES = 1000;
    private static final Duration RUN = Duration.ofHours(1);
    private static final String AGGREGATES = "/api/v2/analytics/conversations/aggregates/query";
    private static final String ROUTING = "/api/v2/routing/queues";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one hour of polling did. */
    private record Run(List<String> aggregatesBodies, int routing, int observationRequests, Duration intervalBudgetWaits,
                       Map<SnapshotOutcome, Integer> snapshots, long observationRecords) {
        double perMinute(long requests) {
            return requests / (double) RUN.toMinutes();
        }
    }

    @Test
    void atOneThousandQueuesObservationsLeaveIntervalPollingUnchanged() throws Exception {
        Run without = hour(false);
        Run with = hour(true);

        System.out.printf("%d queues, analytics.max_requests_per_minute 250, poll_interval_seconds 300, one hour (first cycle deep):%n"
                        + "  observations disabled: aggregates %d (%.2f req/min), routing %d, interval budget waits %s%n"
                        + "  observations enabled (15 s): aggregates %d (%.2f req/min), routing %d, interval budget waits %s; "
                        + "observations %d (%.2f req/min), snapshots %s, %d records%n",
                QUEUES, without.aggregatesBodies().size(), without.perMinute(without.aggregatesBodies().size()), without.routing(),
                without.intervalBudgetWaits(), with.aggregatesBodies().size(), with.perMinute(with.aggregatesBodies().size()),
                with.routing(), with.intervalBudgetWaits(), with.observationRequests(), with.perMinute(with.observationRequests()),
                with.snapshots(), with.observationRecords());

        assertThat(with.aggregatesBodies()).as("the same aggregates queries, in the same order").isEqualTo(without.aggregatesBodies());
        assertThat(with.routing()).isEqualTo(without.routing());
        assertThat(with.intervalBudgetWaits()).isLessThanOrEqualTo(without.intervalBudgetWaits());
        assertThat(without.observationRequests()).isZero();
        // ceil(1000 / 100) = 10 queries a snapshot, 4 snapshots a minute: 40 a minute, the first snapshot
        // (before the poll loop fetched the queue list) aside
        assertThat(with.observationRequests()).isBetween(40 * 60 - 10, 40 * 60);
        assertThat(with.snapshots().get(SnapshotOutcome.COMPLETE)).isEqualTo(with.observationRequests() / 10);
        assertThat(with.snapshots().get(SnapshotOutcome.PARTIAL) + with.snapshots().get(SnapshotOutcome.FAILED)).isZero();
    }

    private Run hour(boolean observations) throws Exception {
        try (ScriptedGenesys genesys = ScriptedGenesys.start()) {
            genesys.respond("GET", ROUTING, ObservationBudgetTest::queuePage);
            genesys.respond("POST", AGGREGATES, r -> Reply.ok("{}"));
            genesys.respond("POST", GenesysHttpClient.OBSERVATIONS_PATH, ObservationAnswers::answer);
            MutableClock clock = MutableClock.at("2025-01-27T08:47:00Z");
            Instant start = clock.instant();
            AtomicLong budgetWaitNanos = new AtomicLong();
            Map<SnapshotOutcome, Integer> snapshots = new java.util.EnumMap<>(SnapshotOutcome.class);
            for (SnapshotOutcome o : SnapshotOutcome.values()) {
                snapshots.put(o, 0);
            }
            AtomicLong observationRecords = new AtomicLong();
            ProducerObserver observer = new ProducerObserver() {
                @Override
                public void budgetWaited(Duration wait) {
                    budgetWaitNanos.addAndGet(wait.toNanos());
                }

                @Override
                public void observationSnapshotEnded(SnapshotReport report) {
                    snapshots.merge(report.outcome(), 1, Integer::sum);
                }
            };
            ObservationSink countingSink = new ObservationSink() {
                @Override
                public void publishAll(List<QueueObservationRecord> records) {
                    observationRecords.addAndGet(records.size());
                }

                @Override
                public void close() {
                }
            };
            ObservationPoller[] poller = new ObservationPoller[1];
            Instant[] nextSnapshot = {start};
            Sleeper virtualWaits = d -> {
                Instant until = clock.instant().plus(d.isNegative() ? Duration.ZERO : d);
                while (poller[0] != null && !nextSnapshot[0].isAfter(until)) {
                    clock.set(nextSnapshot[0]);
                    poller[0].snapshot();
                    nextSnapshot[0] = nextSnapshot[0].plus(poller[0].settings().interval());
                }
                clock.set(until);
            };
            PipelineConfig config = defaults(genesys, observations);
            ProducerService service = ProducerWiring.forConfig(config).clock(clock).shard(Shard.ALL).stop(new StopSignal())
                    .waits(virtualWaits).observer(observer).observationSinks(s -> countingSink)
                    .kafka(() -> new KafkaOutputs(discard(), new InMemoryCheckpointStore())).service();
            if (observations) {
                poller[0] = service.observations().newPoller();
            }
            while (clock.instant().isBefore(start.plus(RUN))) {
                Instant cycle = clock.instant();
                service.runOnce();
                virtualWaits.sleep(config.pollInterval().minus(Duration.between(cycle, clock.instant())));
            }
            service.close();
            List<String> aggregates = new ArrayList<>();
            genesys.requests(AGGREGATES).forEach(r -> aggregates.add(r.body()));
            return new Run(aggregates, genesys.requests(ROUTING).size(), genesys.requests(GenesysHttpClient.OBSERVATIONS_PATH).size(),
                    Duration.ofNanos(budgetWaitNanos.get()), snapshots, observationRecords.get());
        }
    }

    /** The documented defaults, pointed at the stub; Kafka is not used (the outputs are in memory). */
    private static PipelineConfig defaults(ScriptedGenesys genesys, boolean observations) throws ConfigException {
        String json = """
                {"oauth":{"base_url":"%s","login_url":"%s","client_id":"%s","client_secret":"%s"},
                 "observations":{"enabled":%s}}
                """.formatted(genesys.baseUrl(), genesys.baseUrl(), ScriptedGenesys.CLIENT_ID, ScriptedGenesys.CLIENT_SECRET,
                observations);
        PipelineConfig config = new ConfigLoader(Map.of()).parse(json, "budget test");
        assertThat(config.analytics().maxRequestsPerMinute()).isEqualTo(250);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.observations().interval()).isEqualTo(Duration.ofSeconds(15));
        return config;
    }

    /** Page {@code pageNumber} of 1,000 queues, 100 a page. */
    private static Reply queuePage(ScriptedGenesys.Request request) {
        int page = 1;
        for (String pair : request.query().split("&")) {
            if (pair.startsWith("pageNumber=")) {
                page = Integer.parseInt(pair.substring("pageNumber=".length()));
            }
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode entities = body.putArray("entities");
        for (int i = (page - 1) * 100; i < Math.min(QUEUES, page * 100); i++) {
            entities.addObject().put("id", String.format("queue-%04d", i)).put("name", "Queue " + i);
        }
        body.put("pageNumber", page).put("pageSize", 100).put("pageCount", (QUEUES + 99) / 100);
        return Reply.ok(body.toString());
    }

    private static RecordSink discard() {
        return new RecordSink() {
            @Override
            public void publishAll(List<QueueIntervalRecord> records) {
            }

            @Override
            public void close() {
            }
        };
    }

}
