package org.queueanalytics.emulator.queues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.EmulatorHttp;
import org.queueanalytics.emulator.GenesysEmulator;

class RoutingQueuesTest {
    private static GenesysEmulator emulator;
    private static EmulatorHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        emulator = GenesysEmulator.builder().queues(250).deletedQueues(3).seed(7).build().start();
        http = new EmulatorHttp(emulator.baseUrl());
        token = http.token();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void capsThePageSizeAt100AndPagesThroughEveryVisibleQueue() {
        List<String> ids = new ArrayList<>();
        int pageNumber = 1;
        JsonNode page;
        do {
            page = EmulatorHttp.json(http.get("/api/v2/routing/queues?pageSize=500&pageNumber=" + pageNumber, token));
            assertThat(page.get("pageSize").asInt()).isEqualTo(100);
            assertThat(page.get("total").asInt()).isEqualTo(250);
            assertThat(page.get("pageCount").asInt()).isEqualTo(3);
            page.get("entities").forEach(e -> ids.add(e.get("id").asText()));
            pageNumber++;
        } while (pageNumber <= page.get("pageCount").asInt());

        assertThat(ids).hasSize(250).doesNotHaveDuplicates()
                .containsExactlyElementsOf(emulator.queues().stream().map(EmulatedQueue::idString).toList());
        assertThat(page.get("nextUri").isNull()).isTrue();
        assertThat(page.get("lastUri").asText()).contains("pageNumber=3");
    }

    @Test
    void linksThePagesWithUris() {
        JsonNode first = EmulatorHttp.json(http.get("/api/v2/routing/queues?pageSize=100&pageNumber=1", token));

        assertThat(first.get("nextUri").asText()).isEqualTo("/api/v2/routing/queues?pageSize=100&pageNumber=2");
        assertThat(first.get("selfUri").asText()).isEqualTo("/api/v2/routing/queues?pageSize=100&pageNumber=1");
        assertThat(first.get("firstUri").asText()).isEqualTo("/api/v2/routing/queues?pageSize=100&pageNumber=1");
        assertThat(first.get("entities")).hasSize(100);
    }

    @Test
    void filtersByRepeatedIdAndIgnoresDeletedAndUnknownIds() {
        String a = emulator.queues().get(3).idString();
        String b = emulator.queues().get(200).idString();
        String deleted = emulator.deletedQueues().get(0).idString();

        JsonNode page = EmulatorHttp.json(http.get("/api/v2/routing/queues?pageSize=100&id=" + a + "&id=" + b
                + "&id=" + deleted + "&id=00000000-0000-4000-8000-000000000000", token));

        Set<String> ids = new HashSet<>();
        page.get("entities").forEach(e -> ids.add(e.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(a, b);
        assertThat(page.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void neverListsDeletedQueues() {
        Set<String> deleted = new HashSet<>();
        emulator.deletedQueues().forEach(q -> deleted.add(q.idString()));
        List<String> listed = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            EmulatorHttp.json(http.get("/api/v2/routing/queues?pageSize=100&pageNumber=" + page, token))
                    .get("entities").forEach(e -> listed.add(e.get("id").asText()));
        }
        assertThat(deleted).hasSize(3);
        assertThat(listed).doesNotContainAnyElementsOf(deleted);
        assertThat(http.get("/api/v2/routing/queues/" + emulator.deletedQueues().get(0).idString(), token).statusCode())
                .isEqualTo(404);
    }

    @Test
    void servesAdversarialNamesExactly() {
        List<String> names = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            EmulatorHttp.json(http.get("/api/v2/routing/queues?pageSize=100&pageNumber=" + page, token))
                    .get("entities").forEach(e -> names.add(e.get("name").asText()));
        }
        assertThat(names).containsAll(QueueNames.ADVERSARIAL);
        assertThat(names).anyMatch(n -> n.contains("DROP TABLE"))
                .anyMatch(n -> n.contains("\n"))
                .anyMatch(n -> n.contains("\t"))
                .anyMatch(n -> n.contains("\\"))
                .anyMatch(n -> n.contains("\""))
                .anyMatch(n -> n.codePoints().anyMatch(cp -> cp > 0xFFFF));
    }

    @Test
    void rejectsANonPositivePageSize() {
        HttpResponse<String> response = http.get("/api/v2/routing/queues?pageSize=0", token);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(EmulatorHttp.json(response).get("code").asText()).isEqualTo("invalid.value");
    }

    @Test
    void answersOneQueueById() {
        EmulatedQueue queue = emulator.queues().get(1);
        JsonNode body = EmulatorHttp.json(http.get("/api/v2/routing/queues/" + queue.idString(), token));

        assertThat(body.get("name").asText()).isEqualTo(queue.name());
        assertThat(body.at("/mediaSettings/call/serviceLevel/durationMs").asLong())
                .isEqualTo(queue.serviceLevel(MediaType.VOICE).durationMs());
        assertThat(body.at("/mediaSettings/call/serviceLevel/percentage").asDouble())
                .isEqualTo(queue.serviceLevel(MediaType.VOICE).percentage());
    }

    @Test
    void serviceLevelGoalsVaryByQueueAndMediaTypeAroundTheTypicalOnes() {
        List<ServiceLevel> voice = emulator.queues().stream().map(q -> q.serviceLevel(MediaType.VOICE)).toList();

        assertThat(voice).contains(ServiceLevel.typical(MediaType.VOICE));
        assertThat(voice.stream().distinct().count()).isGreaterThan(3);
        assertThat(emulator.queues()).filteredOn(q -> q.handles(MediaType.EMAIL)).isNotEmpty()
                .allSatisfy(q -> assertThat(q.serviceLevel(MediaType.EMAIL).durationMs())
                        .isGreaterThan(q.serviceLevel(MediaType.VOICE).durationMs()));
    }
}
