package org.queueanalytics.producer.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.producer.genesys.ScriptedGenesys.Reply;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;

class QueueDirectoryTest {
    private static final String PATH = "/api/v2/routing/queues";

    private final ScriptedGenesys genesys = ScriptedGenesys.start();
    private final MutableClock clock = MutableClock.at("2025-01-27T08:00:00Z");
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @AfterEach
    void stop() {
        genesys.close();
    }

    private QueueDirectory directory(List<String> ids) {
        return new QueueDirectory(TestClients.client(genesys, clock, sleeper), ids, clock, Duration.ofHours(1));
    }

    private static String page(int pageNumber, int pageCount, String... ids) {
        StringBuilder entities = new StringBuilder();
        for (String id : ids) {
            if (entities.length() > 0) {
                entities.append(',');
            }
            entities.append("{\"id\":\"").append(id).append("\",\"name\":\"Name of ").append(id).append("\"}");
        }
        return "{\"entities\":[" + entities + "],\"pageSize\":2,\"pageNumber\":" + pageNumber + ",\"pageCount\":" + pageCount + "}";
    }

    private static String param(String query, String name) {
        return Arrays.stream(query.split("&")).filter(p -> p.startsWith(name + "=")).findFirst().orElseThrow().substring(name.length() + 1);
    }

    @Test
    void discoversEveryQueuePageByPageUntilThePageCount() throws Exception {
        // the server caps the page size at 2 silently
        genesys.on("GET", PATH, Reply.ok(page(1, 3, "a", "b")), Reply.ok(page(2, 3, "c", "d")), Reply.ok(page(3, 3, "e")));

        List<Queue> queues = directory(List.of()).queues();

        assertThat(queues).extracting(Queue::id).containsExactly("a", "b", "c", "d", "e");
        assertThat(queues.get(2).name()).isEqualTo("Name of c");
        assertThat(genesys.requests(PATH)).extracting(r -> param(r.query(), "pageNumber")).containsExactly("1", "2", "3");
        assertThat(genesys.requests(PATH)).allMatch(r -> param(r.query(), "pageSize").equals("100"));
    }

    @Test
    void resolvesConfiguredIdsWithRepeatedIdParametersAtMostOneHundredPerRequest() throws Exception {
        List<String> ids = IntStream.range(0, 150).mapToObj(i -> "id" + i).toList();
        genesys.respond("GET", PATH, r -> {
            List<String> asked = new ArrayList<>();
            for (String p : r.query().split("&")) {
                if (p.startsWith("id=")) {
                    asked.add(p.substring(3));
                }
            }
            asked.remove("id7"); // deleted queue: Genesys does not return it
            return Reply.ok(page(1, 1, asked.toArray(String[]::new)));
        });

        List<Queue> queues = directory(ids).queues();

        assertThat(genesys.requests(PATH)).extracting(r -> r.query().split("&id=").length - 1).containsExactly(100, 50);
        assertThat(queues).extracting(Queue::id).containsExactlyElementsOf(ids);
        assertThat(queues.get(3).name()).isEqualTo("Name of id3");
        assertThat(queues.get(7).name()).isEqualTo("id7");
    }

    @Test
    void cachesTheListAndRefreshesItAfterAnHour() throws Exception {
        genesys.on("GET", PATH, Reply.ok(page(1, 1, "a")), Reply.ok(page(1, 1, "a", "b")));
        QueueDirectory directory = directory(List.of());

        directory.queues();
        clock.advance(Duration.ofMinutes(59));
        assertThat(directory.queues()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(directory.queues()).hasSize(2);
        assertThat(genesys.requests(PATH)).hasSize(2);
        assertThat(directory.nameOf("b")).isEqualTo("Name of b");
        assertThat(directory.nameOf("zzz")).isEqualTo("zzz");
    }

    @Test
    void keepsThePreviousListWhenARefreshFailsForAWhile() throws Exception {
        genesys.on("GET", PATH, Reply.ok(page(1, 1, "a")));
        genesys.respond("GET", PATH, r -> Reply.json(503, "{}"));
        QueueDirectory directory = directory(List.of());
        directory.queues();
        clock.advance(Duration.ofHours(2));

        assertThat(directory.queues()).extracting(Queue::id).containsExactly("a");
    }

    @Test
    void aMissingPermissionIsReportedAtOnce() {
        genesys.on("GET", PATH, Reply.json(403, "{\"message\":\"missing routing:queue:view\",\"code\":\"missing.any.permissions\"}"));

        assertThatThrownBy(() -> directory(List.of()).queues())
                .isInstanceOfSatisfying(GenesysPermissionException.class,
                        e -> assertThat(e.permission()).isEqualTo("routing:queue:view"));
    }

    @Test
    void aPageWithoutPageCountIsNeverCachedAsAnEmptyListAndTheNextCallAsksAgain() throws Exception {
        String withoutPageCount = "{\"entities\":[],\"pageNumber\":1}";
        genesys.respond("GET", PATH, r -> Reply.ok(withoutPageCount));
        QueueDirectory directory = directory(List.of());

        assertThatThrownBy(directory::queues).isInstanceOf(GenesysMalformedResponseException.class)
                .hasMessageContaining("pageCount");
        int asked = genesys.requests(PATH).size();
        assertThat(asked).isEqualTo(TestClients.RETRY.maxRetries() + 1);

        genesys.respond("GET", PATH, r -> Reply.ok(page(1, 1, "a", "b")));
        assertThat(directory.queues()).extracting(Queue::id).containsExactly("a", "b");
        assertThat(genesys.requests(PATH)).hasSize(asked + 1);
    }

    @Test
    void aPageWithoutEntitiesOrAnEmptyBodyInTheMiddleOfTheListFailsTheWholeList() {
        genesys.on("GET", PATH, Reply.ok(page(1, 2, "a", "b")));
        genesys.respond("GET", PATH, r -> Reply.json(200, ""));

        assertThatThrownBy(() -> directory(List.of()).queues()).isInstanceOf(GenesysMalformedResponseException.class)
                .hasMessageContaining("empty body");
    }

    @Test
    void aMalformedRefreshKeepsThePreviousWellFormedListAndAsksAgainNextTime() throws Exception {
        genesys.on("GET", PATH, Reply.ok(page(1, 1, "a")));
        genesys.respond("GET", PATH, r -> Reply.ok("{\"pageNumber\":1,\"pageCount\":1}"));
        QueueDirectory directory = directory(List.of());
        directory.queues();
        clock.advance(Duration.ofHours(2));

        assertThat(directory.queues()).extracting(Queue::id).containsExactly("a");
        int asked = genesys.requests(PATH).size();
        genesys.respond("GET", PATH, r -> Reply.ok(page(1, 1, "a", "b")));
        assertThat(directory.queues()).extracting(Queue::id).containsExactly("a", "b");
        assertThat(genesys.requests(PATH)).hasSize(asked + 1);
    }
}
