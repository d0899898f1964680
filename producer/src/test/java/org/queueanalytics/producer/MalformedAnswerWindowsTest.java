package org.queueanalytics.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.genesys.AggregatesClient;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.GenesysMalformedResponseException;
import org.queueanalytics.producer.genesys.QueueDirectory;
import org.queueanalytics.producer.genesys.ScriptedGenesys;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.producer.publish.Checkpoint;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.producer.time.StopSignal;

/**
 * A window counts as fetched only when every answer of it was well-formed: the real aggregates
 * client and queue directory against a scripted Genesys, with checkpoints and records in memory.
 */
class MalformedAnswerWindowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTING = "/api/v2/routing/queues";
    private static final String AGGREGATES = "/api/v2/analytics/conversations/aggregates/query";
    private static final String QUEUE_PAGE = "{\"entities\":[{\"id\":\"q1\",\"name\":\"Sales\"},{\"id\":\"q2\",\"name\":\"Support\"}],"
            + "\"pageNumber\":1,\"pageCount\":1}";
    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-01-04T00:00:00Z");
    private static final String RANGE = "range/2025-01-01T00:00:00Z/2025-01-04T00:00:00Z/0/1";

    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T08:47:00Z");
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final RecordingSink sink = new RecordingSink();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    /** Day start of the window whose aggregates answers are empty bodies, or null. */
    private final AtomicReference<String> emptyBodyFor = new AtomicReference<>();

    @AfterEach
    void stop() {
        genesys.close();
    }

    private ProducerService service() {
        PipelineConfig config = TestConfigs.config("", genesys.baseUrl().toString(), "127.0.0.1:1", "test.topic");
        GenesysHttpClient client = GenesysHttpClient.create(genesys.oauth(), 1000, config.retry(), clock, sleeper);
        QueueDirectory directory = new QueueDirectory(client, List.of(), clock, QueueDirectory.DEFAULT_REFRESH);
        AggregatesClient aggregates = new AggregatesClient(client, Duration.ofMinutes(30), List.of(), clock);
        return ProducerWiring.forConfig(config).clock(clock).shard(Shard.ALL).stop(new StopSignal()).waits(sleeper)
                .genesys(new GenesysInputs(directory, aggregates, client::requestsSent, () -> 1L))
                .kafka(() -> new KafkaOutputs(sink, checkpoints)).service();
    }

    /** One voice bucket per queue at the start of the queried interval; an empty body for the chosen window. */
    private Reply aggregates(ScriptedGenesys.Request request) {
        try {
            JsonNode query = JSON.readTree(request.body());
            Instant from = Instant.parse(query.path("interval").asText().split("/")[0]);
            if (from.toString().equals(emptyBodyFor.get())) {
                return Reply.json(200, "");
            }
            String bucket = from + "/" + from.plus(Duration.ofMinutes(30));
            StringBuilder results = new StringBuilder();
            for (String id : List.of("q1", "q2")) {
                results.append(results.length() == 0 ? "" : ",").append("{\"group\":{\"queueId\":\"").append(id)
                        .append("\",\"mediaType\":\"voice\"},\"data\":[{\"interval\":\"").append(bucket)
                        .append("\",\"metrics\":[{\"metric\":\"nOffered\",\"stats\":{\"count\":2}}]}]}");
            }
            return Reply.ok("{\"results\":[" + results + "]}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<Instant> publishedIntervals() {
        return sink.published.stream().map(QueueIntervalRecord::intervalStart).distinct().sorted().toList();
    }

    @Test
    void anEmptyAggregatesBodyIsRetriedAndItsWindowIsNotCheckpointedUntilARerunFetchesIt() throws Exception {
        genesys.respond("GET", ROUTING, r -> Reply.ok(QUEUE_PAGE));
        genesys.respond("POST", AGGREGATES, this::aggregates);
        emptyBodyFor.set("2025-01-02T00:00:00Z");

        assertThatThrownBy(() -> service().backfill(FROM, TO, ProgressListener.NONE))
                .isInstanceOf(GenesysMalformedResponseException.class)
                .hasMessageContaining("empty body");

        long emptyAnswers = genesys.requests(AGGREGATES).stream().filter(r -> r.body().contains("\"2025-01-02T00:00")).count();
        assertThat(emptyAnswers).as("the empty answer is retried like a 5xx").isEqualTo(3);
        assertThat(checkpoints.saves).extracting(Checkpoint::polledUntil)
                .containsExactly(Instant.parse("2025-01-02T00:00:00Z"));
        assertThat(publishedIntervals()).containsExactly(FROM);

        emptyBodyFor.set(null);
        service().backfill(FROM, TO, ProgressListener.NONE);

        assertThat(publishedIntervals()).containsExactly(FROM, Instant.parse("2025-01-02T00:00:00Z"),
                Instant.parse("2025-01-03T00:00:00Z"));
        assertThat(checkpoints.get(RANGE).orElseThrow().polledUntil()).isEqualTo(TO);
    }

    @Test
    void aRoutingPageWithoutPageCountFailsTheCycleIsNotCachedAndTheNextCycleAsksAgain() throws Exception {
        genesys.respond("GET", ROUTING, r -> Reply.ok("{\"entities\":[{\"id\":\"q1\",\"name\":\"Sales\"}],\"pageNumber\":1}"));
        genesys.respond("POST", AGGREGATES, this::aggregates);
        ProducerService service = service();

        assertThatThrownBy(service::runOnce).isInstanceOf(GenesysMalformedResponseException.class)
                .hasMessageContaining("pageCount");
        assertThat(genesys.requests(AGGREGATES)).isEmpty();
        assertThat(checkpoints.saves).isEmpty();
        int routingAsked = genesys.requests(ROUTING).size();

        genesys.respond("GET", ROUTING, r -> Reply.ok(QUEUE_PAGE));
        service.runOnce();

        assertThat(genesys.requests(ROUTING)).hasSize(routingAsked + 1);
        assertThat(sink.published).extracting(QueueIntervalRecord::queueId).contains("q1", "q2");
        assertThat(checkpoints.get("live/0/1")).isPresent();
    }

    @Test
    void anEmptyObjectIsStillNoDataAndItsWindowsAreCheckpointed() throws Exception {
        genesys.respond("GET", ROUTING, r -> Reply.ok(QUEUE_PAGE));
        genesys.respond("POST", AGGREGATES, r -> Reply.ok("{}"));

        PollReport report = service().backfill(FROM, TO, ProgressListener.NONE);

        assertThat(report.records()).isZero();
        assertThat(sink.published).isEmpty();
        assertThat(genesys.requests(AGGREGATES)).hasSize(3);
        assertThat(sleeper.waits()).isEmpty();
        assertThat(checkpoints.get(RANGE).orElseThrow().polledUntil()).isEqualTo(TO);
    }
}
