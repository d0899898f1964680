package org.queueanalytics.emulator.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.EmulatorHttp;
import org.queueanalytics.emulator.GenesysEmulator;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.emulator.queues.EmulatedQueue;

class AggregatesQueryTest {
    /** A Monday afternoon: the whole morning is closed and stable. */
    private static final MutableClock CLOCK = MutableClock.at("2025-01-27T15:00:00Z");
    private static final String MORNING = "2025-01-27T06:00:00.000Z/2025-01-27T12:00:00.000Z";
    private static GenesysEmulator emulator;
    private static EmulatorHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        emulator = GenesysEmulator.builder().queues(40).deletedQueues(2).seed(42).clock(CLOCK).build().start();
        http = new EmulatorHttp(emulator.baseUrl());
        token = http.token();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static List<String> ids(int count) {
        return emulator.queues().stream().limit(count).map(EmulatedQueue::idString).toList();
    }

    private static JsonNode query(String body) {
        HttpResponse<String> response = http.post(EmulatorHttp.AGGREGATES, token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("ININ-Correlation-Id")).isPresent();
        return EmulatorHttp.json(response);
    }

    @Test
    void answersEveryRequestedQueueGroupedByQueueAndMediaType() {
        List<String> ids = ids(10);
        Buckets buckets = Buckets.of(query(EmulatorHttp.query(MORNING, "PT30M", ids)));

        assertThat(buckets.all()).isNotEmpty();
        assertThat(buckets.all()).extracting(Buckets.Bucket::queueId).isSubsetOf(ids);
        assertThat(buckets.all().stream().map(Buckets.Bucket::queueId).collect(Collectors.toSet())).hasSize(10);
        assertThat(buckets.all()).allSatisfy(b -> assertThat(b.interval())
                .matches("2025-01-27T\\d\\d:[03]0:00\\.000Z/2025-01-27T\\d\\d:[03]0:00\\.000Z"));
    }

    @Test
    void metricsOfTheSameEventAgreeWithinEachBucket() {
        Buckets buckets = Buckets.of(query(EmulatorHttp.query(MORNING, "PT15M", ids(20))));

        assertThat(buckets.all()).hasSizeGreaterThan(100).allSatisfy(b -> {
            long answered = b.count("tAnswered");
            long abandoned = b.count("tAbandon");
            assertThat(b.count("tShortAbandon")).isLessThanOrEqualTo(abandoned);
            assertThat(b.count("nOverSla")).isLessThanOrEqualTo(answered);
            assertThat(b.count("tAcd")).isEqualTo(answered);
            assertThat(b.count("nConnected")).isEqualTo(answered + b.count("nOutbound"));
            assertThat(b.count("tWait")).isEqualTo(answered + abandoned + b.count("tFlowOut"));
            assertThat(b.count("tHandle")).isEqualTo(b.count("tAcw"));
            assertThat(b.count("nConsultTransferred")).isLessThanOrEqualTo(b.count("nConsult"));
            assertThat(b.count("nTransferred")).isEqualTo(b.count("nBlindTransferred") + b.count("nConsultTransferred"));
            JsonNode sl = b.metrics().get("oServiceLevel");
            long denominator = answered + abandoned - b.count("tShortAbandon");
            if (denominator > 0) {
                assertThat(sl.get("numerator").asLong()).isEqualTo(answered - b.count("nOverSla"));
                assertThat(sl.get("denominator").asLong()).isEqualTo(denominator);
                assertThat(sl.get("ratio").asDouble())
                        .isEqualTo((double) sl.get("numerator").asLong() / sl.get("denominator").asLong());
                assertThat(sl.get("target").asDouble()).isEqualTo(b.metrics().get("oServiceTarget").get("target").asDouble());
            } else {
                assertThat(sl).isNull();
            }
            assertThat(b.metrics().get("oServiceTarget").get("target").asDouble()).isBetween(0.5, 1.0);
            b.metrics().forEach((name, stats) -> {
                if (name.startsWith("t")) {
                    assertThat(stats.get("min").asLong()).isLessThanOrEqualTo(stats.get("max").asLong());
                    assertThat(stats.get("sum").asLong()).isGreaterThanOrEqualTo(stats.get("max").asLong());
                }
            });
        });
    }

    @Test
    void leavesOutQuietBucketsAndMetricsWithoutValue() {
        String night = "2025-01-26T00:00:00.000Z/2025-01-26T06:00:00.000Z";
        Buckets buckets = Buckets.of(query(EmulatorHttp.query(night, "PT15M", ids(10))));
        Buckets day = Buckets.of(query(EmulatorHttp.query(MORNING, "PT15M", ids(10))));

        // 10 queues × ≥1 media × 24 buckets would be ≥ 240 if buckets were dense
        assertThat(buckets.all().size()).isLessThan(80);
        assertThat(day.all()).anyMatch(b -> !b.metrics().containsKey("tAbandon"));
        assertThat(day.all()).allSatisfy(b -> b.metrics().values()
                .forEach(stats -> assertThat(stats.has("count") ? stats.get("count").asLong() : 1).isPositive()));
    }

    @Test
    void answersOnlyTheRequestedMetrics() {
        String body = "{\"interval\":\"" + MORNING + "\",\"granularity\":\"PT1H\",\"groupBy\":[\"queueId\",\"mediaType\"],"
                + "\"filter\":{\"type\":\"or\",\"predicates\":[{\"dimension\":\"queueId\",\"value\":\"" + ids(1).get(0) + "\"}]},"
                + "\"metrics\":[\"nOffered\",\"tAnswered\",\"tTalk\"]}";
        Buckets buckets = Buckets.of(query(body));

        assertThat(buckets.all()).isNotEmpty().allSatisfy(b ->
                assertThat(b.metrics().keySet()).isSubsetOf("nOffered", "tAnswered"));
    }

    @Test
    void filtersOnMediaTypeWithAnAndClause() {
        EmulatedQueue multiMedia = emulator.queues().stream().filter(q -> q.mediaTypes().size() > 2).findFirst().orElseThrow();
        String body = "{\"interval\":\"" + MORNING + "\",\"granularity\":\"PT30M\",\"groupBy\":[\"queueId\",\"mediaType\"],"
                + "\"filter\":{\"type\":\"and\",\"clauses\":[{\"type\":\"or\",\"predicates\":["
                + "{\"type\":\"dimension\",\"dimension\":\"queueId\",\"operator\":\"matches\",\"value\":\"" + multiMedia.idString() + "\"}]}],"
                + "\"predicates\":[{\"dimension\":\"mediaType\",\"value\":\"voice\"}]},"
                + "\"metrics\":[\"nOffered\"],\"views\":[]}";
        Buckets buckets = Buckets.of(query(body));
        Buckets all = Buckets.of(query(EmulatorHttp.query(MORNING, "PT30M", List.of(multiMedia.idString()))));

        assertThat(buckets.all()).isNotEmpty().allMatch(b -> b.mediaType().equals("voice"));
        assertThat(all.all().stream().map(Buckets.Bucket::mediaType).distinct().count()).isGreaterThan(1);
    }

    @Test
    void anHourlyBucketHoldsExactlyItsTwoHalfHours() {
        List<String> ids = ids(5);
        Buckets hourly = Buckets.of(query(EmulatorHttp.query(MORNING, "PT1H", ids)));
        Buckets halfHourly = Buckets.of(query(EmulatorHttp.query(MORNING, "PT30M", ids)));

        assertThat(hourly.total("nOffered")).isPositive().isEqualTo(halfHourly.total("nOffered"));
        assertThat(hourly.total("tAnswered")).isEqualTo(halfHourly.total("tAnswered"));
        assertThat(hourly.total("tHandle")).isEqualTo(halfHourly.total("tHandle"));
    }

    @Test
    void theSameSeedServesTheSameData() {
        String body = EmulatorHttp.query(MORNING, "PT30M", ids(5));
        try (GenesysEmulator twin = GenesysEmulator.builder().queues(40).deletedQueues(2).seed(42).clock(CLOCK).build().start()) {
            EmulatorHttp twinHttp = new EmulatorHttp(twin.baseUrl());
            String twinAnswer = twinHttp.post(EmulatorHttp.AGGREGATES, twinHttp.token(), body).body();
            assertThat(twinAnswer).isEqualTo(http.post(EmulatorHttp.AGGREGATES, token, body).body());
        }
    }

    @Test
    void deletedQueuesStillHaveHistory() {
        String deleted = emulator.deletedQueues().get(0).idString();
        Buckets buckets = Buckets.of(query(EmulatorHttp.query(MORNING, "PT1H", List.of(deleted))));

        assertThat(buckets.all()).isNotEmpty().allMatch(b -> b.queueId().equals(deleted));
    }

    @Test
    void nothingMatchesGivesAnEmptyObjectLikeGenesys() {
        String future = "2025-01-28T08:00:00.000Z/2025-01-28T09:00:00.000Z";
        HttpResponse<String> response = http.post(EmulatorHttp.AGGREGATES, token, EmulatorHttp.query(future, "PT30M", ids(3)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    @Test
    void canAnswerAnEmptyResultsListWhenNothingMatches() {
        try (GenesysEmulator listing = GenesysEmulator.builder().queues(2).emptyResultsAsEmptyObject(false)
                .clock(CLOCK).build().start()) {
            EmulatorHttp other = new EmulatorHttp(listing.baseUrl());
            String body = EmulatorHttp.query("2025-01-28T08:00:00Z/2025-01-28T09:00:00Z", "PT30M",
                    List.of(listing.queues().get(0).idString()));
            assertThat(other.post(EmulatorHttp.AGGREGATES, other.token(), body).body()).isEqualTo("{\"results\":[]}");
        }
    }

    @Test
    void injectedContactsReachTheHttpAnswer() {
        Instant offered = Instant.parse("2025-01-27T07:28:00Z");
        ContactSource oneCall = (queue, media, from, to, action) -> {
            if (media == org.queueanalytics.emulator.queues.MediaType.VOICE) {
                action.accept(Contact.answered(1, offered, 240_000, 3_000, 60_000, 0, 10_000));
            }
        };
        try (GenesysEmulator scripted = GenesysEmulator.builder().queues(1).contactSource(oneCall).clock(CLOCK)
                .build().start()) {
            EmulatorHttp other = new EmulatorHttp(scripted.baseUrl());
            String body = EmulatorHttp.query("2025-01-27T07:00:00Z/2025-01-27T08:00:00Z", "PT30M",
                    List.of(scripted.queues().get(0).idString()));
            Buckets buckets = Buckets.of(EmulatorHttp.json(other.post(EmulatorHttp.AGGREGATES, other.token(), body)));

            assertThat(buckets.all()).extracting(Buckets.Bucket::interval).containsExactly(
                    "2025-01-27T07:00:00.000Z/2025-01-27T07:30:00.000Z", "2025-01-27T07:30:00.000Z/2025-01-27T08:00:00.000Z");
            assertThat(buckets.all().get(0).count("nOffered")).isEqualTo(1);
            assertThat(buckets.all().get(0).count("tAnswered")).isZero();
            assertThat(buckets.all().get(1).count("tAnswered")).isEqualTo(1);
            ServedInterval answeredIn = scripted.served(scripted.queues().get(0).idString(), "voice",
                    Instant.parse("2025-01-27T07:30:00Z")).orElseThrow();
            assertThat(answeredIn.offered()).isZero();
            assertThat(answeredIn.answered()).isEqualTo(1);
            assertThat(answeredIn.longestWaitMs()).isEqualTo(240_000L);
            assertThat(answeredIn.serviceLevelPct()).isNotNull();
            ServedInterval offeredIn = scripted.served(scripted.queues().get(0).idString(), "voice",
                    Instant.parse("2025-01-27T07:00:00Z")).orElseThrow();
            assertThat(offeredIn.serviceLevelPct()).isNull();
            assertThat(offeredIn.longestWaitMs()).isNull();
            assertThat(offeredIn.serviceTargetPct()).isNotNull();
        }
    }

    @Test
    void recordsExactlyWhatWasServed() {
        List<String> ids = ids(3);
        Buckets buckets = Buckets.of(query(EmulatorHttp.query(MORNING, "PT30M", ids)));

        assertThat(buckets.all()).isNotEmpty().allSatisfy(b -> {
            Instant start = Instant.parse(b.interval().split("/")[0]);
            ServedInterval served = emulator.served(b.queueId(), b.mediaType(), start,
                    Instant.parse(b.interval().split("/")[1])).orElseThrow();
            assertThat(served.metrics().keySet()).isEqualTo(b.metrics().keySet());
            assertThat(served.offered()).isEqualTo(b.count("nOffered"));
            assertThat(served.answered()).isEqualTo(b.count("tAnswered"));
            assertThat(served.abandoned()).isEqualTo(b.count("tAbandon"));
            assertThat(served.sum("tHandle")).isEqualTo(b.sum("tHandle"));
            assertThat(served.intervalEnd()).isEqualTo(Instant.parse(b.interval().split("/")[1]));
        });
    }
}
