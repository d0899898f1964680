package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.ProducerMetrics;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.producer.planning.TimeWindow;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;

class AggregatesClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = AggregatesQuery.PATH;
    /** Every media type Genesys documents. */
    private static final List<String> ALL_MEDIA_TYPES = List.of("callback", "chat", "cobrowse", "email", "internalmessage",
            "message", "screenshare", "video", "voice");
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2025-01-27T08:00:00Z"), Instant.parse("2025-01-27T10:00:00Z"));

    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T10:05:00Z");
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @AfterEach
    void stop() {
        genesys.close();
    }

    private AggregatesClient client(List<String> mediaTypes) {
        return new AggregatesClient(TestClients.client(genesys, clock, sleeper), Duration.ofMinutes(30), mediaTypes, clock);
    }

    private static List<Queue> queues(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Queue("q" + i, "Queue " + i)).toList();
    }

    private static JsonNode body(ScriptedGenesys.Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The queue ids a request's filter names, whichever filter form it uses. */
    private static List<String> queueIds(JsonNode body) {
        JsonNode filter = body.path("filter");
        JsonNode or = filter.path("type").asText().equals("and") ? filter.path("clauses").get(0) : filter;
        List<String> ids = new ArrayList<>();
        or.path("predicates").forEach(p -> ids.add(p.path("value").asText()));
        return ids;
    }

    /** Every object with a "dimension" anywhere in the request's filter tree: what Genesys counts against its limit. */
    private static int predicates(JsonNode node) {
        int n = node.isObject() && node.has("dimension") ? 1 : 0;
        for (JsonNode child : node) {
            n += predicates(child);
        }
        return n;
    }

    /** Answers every query with one voice bucket per queue it names. */
    private static Reply echo(ScriptedGenesys.Request request) {
        StringBuilder results = new StringBuilder();
        for (String id : queueIds(body(request))) {
            if (results.length() > 0) {
                results.append(',');
            }
            results.append("{\"group\":{\"queueId\":\"").append(id).append("\",\"mediaType\":\"voice\"},\"data\":[")
                    .append("{\"interval\":\"2025-01-27T08:00:00.000Z/2025-01-27T08:30:00.000Z\",")
                    .append("\"metrics\":[{\"metric\":\"nOffered\",\"stats\":{\"count\":3}}]}]}");
        }
        return Reply.ok("{\"results\":[" + results + "]}");
    }

    @Test
    void sendsTheReferenceQueryShape() throws Exception {
        genesys.respond("POST", PATH, AggregatesClientTest::echo);

        client(List.of()).fetch(queues(2), WINDOW);

        JsonNode body = body(genesys.requests(PATH).get(0));
        assertThat(body.path("interval").asText()).isEqualTo("2025-01-27T08:00:00.000Z/2025-01-27T10:00:00.000Z");
        assertThat(body.path("granularity").asText()).isEqualTo("PT30M");
        assertThat(body.path("timeZone").asText()).isEqualTo("UTC");
        assertThat(body.path("groupBy").toString()).isEqualTo("[\"queueId\",\"mediaType\"]");
        assertThat(body.path("metrics").toString()).isEqualTo("[\"nOffered\",\"tAnswered\",\"tAbandon\",\"tShortAbandon\","
                + "\"tFlowOut\",\"nOverSla\",\"oServiceLevel\",\"tWait\",\"tTalkComplete\",\"tHeldComplete\",\"tAcw\","
                + "\"tHandle\",\"nTransferred\",\"tAlert\",\"tNotResponding\",\"nConnected\",\"tAcd\",\"nConsult\","
                + "\"nConsultTransferred\",\"nBlindTransferred\",\"nOutbound\",\"nError\",\"tVoicemail\",\"oServiceTarget\"]");
        assertThat(body.path("filter").toString()).isEqualTo("{\"type\":\"or\",\"predicates\":["
                + "{\"type\":\"dimension\",\"dimension\":\"queueId\",\"operator\":\"matches\",\"value\":\"q0\"},"
                + "{\"type\":\"dimension\",\"dimension\":\"queueId\",\"operator\":\"matches\",\"value\":\"q1\"}]}");
    }

    @Test
    void oneMediaTypeUsesTheReferencesAndClauseForm() throws Exception {
        genesys.respond("POST", PATH, AggregatesClientTest::echo);

        client(List.of("voice")).fetch(queues(1), WINDOW);

        JsonNode filter = body(genesys.requests(PATH).get(0)).path("filter");
        assertThat(filter.path("type").asText()).isEqualTo("and");
        assertThat(filter.path("clauses").get(0).path("type").asText()).isEqualTo("or");
        assertThat(filter.path("predicates").toString()).isEqualTo("[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]");
    }

    @Test
    void severalMediaTypesBecomeASecondOrClause() throws Exception {
        genesys.respond("POST", PATH, AggregatesClientTest::echo);

        client(List.of("voice", "chat")).fetch(queues(1), WINDOW);

        JsonNode filter = body(genesys.requests(PATH).get(0)).path("filter");
        assertThat(filter.path("clauses")).hasSize(2);
        assertThat(filter.path("clauses").get(1).path("predicates")).extracting(p -> p.path("value").asText())
                .containsExactly("voice", "chat");
        assertThat(filter.has("predicates")).isFalse();
    }

    @Test
    void asksForAtMostOneHundredQueuesPerRequest() throws Exception {
        genesys.respond("POST", PATH, AggregatesClientTest::echo);

        List<QueueIntervalRecord> records = client(List.of()).fetch(queues(250), WINDOW);

        assertThat(genesys.requests(PATH)).extracting(r -> queueIds(body(r)).size()).containsExactly(100, 100, 50);
        assertThat(records).hasSize(250);
        assertThat(records.get(7).queueName()).isEqualTo("Queue 7");
        assertThat(records.get(7).fetchedAt()).isEqualTo(clock.instant());
    }

    static Stream<Arguments> queueAndMediaTypeCounts() {
        return Stream.of(1, 99, 100, 101, 250).flatMap(q -> Stream.of(0, 1, 2, 9).map(m -> Arguments.of(q, m)));
    }

    @ParameterizedTest(name = "{0} queues × {1} media types")
    @MethodSource("queueAndMediaTypeCounts")
    void everyRequestStaysWithinOneHundredPredicatesCountingMediaTypesAndNoMoreRequestsThanNeededAreSent(int queueCount,
                                                                                                       int mediaTypeCount)
            throws Exception {
        genesys.respond("POST", PATH, AggregatesClientTest::echo);

        List<QueueIntervalRecord> records = client(ALL_MEDIA_TYPES.subList(0, mediaTypeCount)).fetch(queues(queueCount), WINDOW);

        List<JsonNode> bodies = genesys.requests(PATH).stream().map(AggregatesClientTest::body).toList();
        assertThat(bodies).allSatisfy(b -> assertThat(predicates(b.path("filter"))).isLessThanOrEqualTo(100));
        int perRequest = 100 - mediaTypeCount;
        assertThat(bodies).hasSize((queueCount + perRequest - 1) / perRequest);
        assertThat(bodies.stream().flatMap(b -> queueIds(b).stream()).toList())
                .containsExactlyElementsOf(queues(queueCount).stream().map(Queue::id).toList());
        assertThat(records).hasSize(queueCount);
    }

    @Test
    void twoMediaTypesLeaveRoomForNinetyEightQueuesPerRequest() throws Exception {
        genesys.respond("POST", PATH, AggregatesClientTest::echo);

        client(List.of("voice", "chat")).fetch(queues(250), WINDOW);

        assertThat(genesys.requests(PATH)).extracting(r -> queueIds(body(r)).size()).containsExactly(98, 98, 54);
    }

    @Test
    void aQueryThatWouldExceedOneHundredPredicatesCannotBeBuilt() {
        List<String> ids = queues(99).stream().map(Queue::id).toList();

        assertThatThrownBy(() -> new AggregatesQuery(ids, WINDOW, Duration.ofMinutes(30), List.of("voice", "chat")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..98 queues");
        assertThat(new AggregatesQuery(ids, WINDOW, Duration.ofMinutes(30), List.of("voice")).predicates()).isEqualTo(100);
    }

    @Test
    void groupsWithoutADimensionAreSkippedCountedInTheMetricsAndHandedOverOnce() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        genesys.respond("POST", PATH, r -> Reply.ok("{\"results\":[{\"group\":{\"mediaType\":\"voice\"},\"data\":[]},"
                + "{\"group\":{\"queueId\":\"q0\"},\"data\":[]}," + echo(r).body().substring("{\"results\":[".length())));
        AggregatesClient client = new AggregatesClient(TestClients.client(genesys, clock, sleeper), Duration.ofMinutes(30),
                List.of(), clock, new ProducerMetrics(registry));

        List<QueueIntervalRecord> records = client.fetch(queues(150), WINDOW);

        assertThat(records).hasSize(150);
        assertThat(registry.get("producer_groups_skipped").tag("reason", "missing_queue_id").counter().count()).isEqualTo(2);
        assertThat(registry.get("producer_groups_skipped").tag("reason", "missing_media_type").counter().count()).isEqualTo(2);
        SkippedGroups skipped = client.takeSkippedGroups();
        assertThat(skipped.total()).isEqualTo(4);
        assertThat(skipped.summary()).isEqualTo("2 missing_queue_id, 2 missing_media_type");
        assertThat(client.takeSkippedGroups().isEmpty()).isTrue();
    }

    @Test
    void splitsTheQueueBatchInHalvesWhenTheQueryIsTooLarge() throws Exception {
        genesys.respond("POST", PATH, r -> queueIds(body(r)).size() > 30
                ? Reply.json(413, "{\"message\":\"too large\",\"code\":\"payload.too.large\",\"status\":413}")
                : echo(r));

        List<QueueIntervalRecord> records = client(List.of()).fetch(queues(100), WINDOW);

        assertThat(records).extracting(QueueIntervalRecord::queueId)
                .containsExactlyElementsOf(queues(100).stream().map(Queue::id).toList());
        assertThat(genesys.requests(PATH)).extracting(r -> queueIds(body(r)).size())
                .containsExactly(100, 50, 25, 25, 50, 25, 25);
    }

    @Test
    void splitsWhenA400SaysTheQueryIsTooLarge() throws Exception {
        genesys.respond("POST", PATH, r -> queueIds(body(r)).size() > 30
                ? Reply.json(400, "{\"message\":\"The query is too large: the filter has " + predicates(body(r).path("filter"))
                        + " predicates; the maximum is 30.\",\"code\":\"bad.request\",\"status\":400}")
                : echo(r));

        List<QueueIntervalRecord> records = client(List.of()).fetch(queues(60), WINDOW);

        assertThat(records).hasSize(60);
        assertThat(genesys.requests(PATH)).extracting(r -> queueIds(body(r)).size()).containsExactly(60, 30, 30);
    }

    @Test
    void splitsWhenA400CarriesAToolargeErrorCode() throws Exception {
        genesys.respond("POST", PATH, r -> queueIds(body(r)).size() > 30
                ? Reply.json(400, "{\"message\":\"Request rejected\",\"code\":\"query.too.large\",\"status\":400}")
                : echo(r));

        client(List.of()).fetch(queues(60), WINDOW);

        assertThat(genesys.requests(PATH)).extracting(r -> queueIds(body(r)).size()).containsExactly(60, 30, 30);
    }

    @Test
    void aBadRequestThatIsNotAboutSizeIsSentOnceNotSplitAndBlamesNoQueue() {
        genesys.respond("POST", PATH, r -> Reply.json(400,
                "{\"message\":\"metrics: 'tFoo' is not a conversation aggregate metric\",\"code\":\"invalid.value\",\"status\":400}"));

        assertThatThrownBy(() -> client(List.of("voice", "chat")).fetch(queues(250), WINDOW))
                .isInstanceOfSatisfying(GenesysQueryRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid.value");
                })
                .hasMessageContaining("metrics: 'tFoo' is not a conversation aggregate metric")
                .hasMessageContaining("invalid.value")
                .hasMessageContaining("interval 2025-01-27T08:00:00.000Z/2025-01-27T10:00:00.000Z")
                .hasMessageContaining("granularity PT30M")
                .hasMessageContaining("98 queue(s)")
                .hasMessageContaining("100 predicate(s)")
                .hasMessageContaining("media types voice,chat")
                .hasMessageContaining("metrics nOffered,tAnswered")
                .hasMessageNotContaining("q0")
                .hasMessageNotContaining("token-")
                .hasMessageNotContaining(ScriptedGenesys.CLIENT_SECRET);
        assertThat(genesys.requests(PATH)).hasSize(1);
    }

    @Test
    void aQueryStillTooLargeForOneQueueFailsTheWindowWithoutBlamingTheQueue() {
        genesys.respond("POST", PATH, r -> Reply.json(413, "{\"message\":\"too large\",\"code\":\"payload.too.large\"}"));

        assertThatThrownBy(() -> client(List.of()).fetch(queues(4), WINDOW))
                .isInstanceOf(GenesysQueryRejectedException.class)
                .hasMessageContaining("too large even for a single queue")
                .hasMessageContaining("1 queue(s)")
                .hasMessageNotContaining("q0");
        assertThat(genesys.requests(PATH)).extracting(r -> queueIds(body(r)).size()).containsExactly(4, 2, 1);
    }

    @Test
    void otherRefusalsAreNotSplit() {
        genesys.respond("POST", PATH, r -> Reply.json(404, "{\"code\":\"not.found\"}"));

        assertThatThrownBy(() -> client(List.of()).fetch(queues(8), WINDOW))
                .isInstanceOf(GenesysRequestRejectedException.class);
        assertThat(genesys.requests(PATH)).hasSize(1);
    }

    @Test
    void anEmptyBodyIsRetriedWithBackoffAndNeverReadAsNoData() throws Exception {
        genesys.on("POST", PATH, Reply.json(200, ""));
        genesys.respond("POST", PATH, AggregatesClientTest::echo);

        List<QueueIntervalRecord> records = client(List.of()).fetch(queues(3), WINDOW);

        assertThat(records).hasSize(3);
        assertThat(genesys.requests(PATH)).hasSize(2);
        assertThat(sleeper.waits()).hasSize(1);
    }

    @Test
    void anEmptyObjectIsNoDataAndIsNotAskedAgain() throws Exception {
        genesys.respond("POST", PATH, r -> Reply.ok("{}"));

        assertThat(client(List.of()).fetch(queues(3), WINDOW)).isEmpty();
        assertThat(genesys.requests(PATH)).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void resultsThatAreNotAnArrayFailTheFetchAsMalformedOnceTheRetriesRunOut() {
        genesys.respond("POST", PATH, r -> Reply.ok("{\"results\":{\"group\":{}}}"));

        assertThatThrownBy(() -> client(List.of()).fetch(queues(3), WINDOW))
                .isInstanceOf(GenesysMalformedResponseException.class)
                .hasMessageContaining("\"results\" is not an array");
        assertThat(genesys.requests(PATH)).hasSize(TestClients.RETRY.maxRetries() + 1);
    }

    @Test
    void oneMalformedBatchFailsTheWholeFetchEvenWhenOtherBatchesAnswered() {
        genesys.on("POST", PATH, Reply.ok("{\"results\":[]}"));
        genesys.respond("POST", PATH, r -> Reply.json(200, " "));

        assertThatThrownBy(() -> client(List.of()).fetch(queues(150), WINDOW))
                .isInstanceOf(GenesysMalformedResponseException.class)
                .hasMessageContaining("empty body");
    }
}
