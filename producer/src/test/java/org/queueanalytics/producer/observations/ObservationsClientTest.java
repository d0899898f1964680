package org.queueanalytics.producer.observations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.producer.genesys.GenesysHttpClient;
import org.queueanalytics.producer.genesys.GenesysPermissionException;
import org.queueanalytics.producer.genesys.Queue;
import org.queueanalytics.producer.genesys.ScriptedGenesys;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.testsupport.MutableClock;

class ObservationsClientTest {
    private static final String PATH = GenesysHttpClient.OBSERVATIONS_PATH;
    private static final List<String> METRICS = List.of("oWaiting", "oLongestWaiting", "oOnQueueUsers");
    private static final List<Queue> QUEUES = IntStream.range(0, 250).mapToObj(i -> new Queue("queue-" + i, "Queue " + i)).toList();

    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T08:35:00.250Z");
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @AfterEach
    void stop() {
        genesys.close();
    }

    private ObservationsClient client(int budgetPerMinute) {
        GenesysHttpClient http = GenesysHttpClient.create(genesys.oauth(), budgetPerMinute,
                new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(10)), clock, sleeper);
        return new ObservationsClient(http, clock);
    }

    @Test
    void twoHundredFiftyQueuesAreAskedInThreeQueriesAndEveryAnswerBecomesRecords() throws Exception {
        genesys.respond("POST", PATH, ObservationAnswers::answer);

        SnapshotFetch fetch = client(250).fetch(QUEUES, METRICS, 60);

        List<ScriptedGenesys.Request> requests = genesys.requests(PATH);
        assertThat(requests).extracting(r -> ObservationAnswers.queueIds(r).size()).containsExactly(100, 100, 50);
        assertThat(requests.stream().flatMap(r -> ObservationAnswers.queueIds(r).stream()).toList())
                .isEqualTo(QUEUES.stream().map(Queue::id).toList());
        assertThat(ObservationAnswers.body(requests.get(0)).path("metrics")).extracting(n -> n.asText())
                .containsExactly("oWaiting", "oLongestWaiting", "oOnQueueUsers");
        assertThat(fetch.queries()).isEqualTo(3);
        assertThat(fetch.answered()).isEqualTo(3);
        assertThat(fetch.skipped()).isZero();
        assertThat(fetch.failure()).isNull();
        assertThat(fetch.records()).hasSize(250 * 3);
        assertThat(fetch.records()).filteredOn(r -> r.queueId().equals("queue-7")).containsExactly(
                QueueObservationRecord.of("queue-7", "Queue 7", "voice", "oWaiting", "", 2, null, clock.instant()),
                QueueObservationRecord.of("queue-7", "Queue 7", "voice", "oLongestWaiting", "", 2,
                        ObservationAnswers.OLDEST_WAIT_STARTED, clock.instant()),
                QueueObservationRecord.of("queue-7", "Queue 7", "", "oOnQueueUsers", "IDLE", 3, null, clock.instant()));
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void whenTheShareIsUsedTheRemainingQueriesAreSkippedNotWaitedFor() throws Exception {
        genesys.respond("POST", PATH, ObservationAnswers::answer);

        SnapshotFetch fetch = client(250).fetch(QUEUES, METRICS, 2);

        assertThat(genesys.requests(PATH)).hasSize(2);
        assertThat(fetch.answered()).isEqualTo(2);
        assertThat(fetch.skipped()).isEqualTo(1);
        assertThat(fetch.records()).hasSize(200 * 3);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aFailedQueryEndsTheSnapshotAndKeepsWhatWasAnswered() throws Exception {
        genesys.respond("POST", PATH, ObservationAnswers::answer);
        genesys.on("POST", PATH, ObservationAnswers.answer(new ScriptedGenesys.Request("POST", PATH, null, java.util.Map.of(),
                        new ObservationQuery(List.of("queue-0"), METRICS).toJson().toString())),
                Reply.json(403, "{\"message\":\"missing analytics:queueObservation:view\"}"));

        SnapshotFetch fetch = client(250).fetch(QUEUES, METRICS, 60);

        assertThat(genesys.requests(PATH)).hasSize(2);
        assertThat(fetch.answered()).isEqualTo(1);
        assertThat(fetch.skipped()).isZero();
        assertThat(fetch.failure()).isInstanceOf(GenesysPermissionException.class);
        assertThat(fetch.records()).extracting(QueueObservationRecord::queueId).containsOnly("queue-0");
    }
}
