package org.queueanalytics.consumer;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/** Test helper for topics the tests create themselves. */
public final class TestTopics {
    private TestTopics() {
    }

    /** A freshly created topic answers "not leader" for a moment; wait until every partition has a leader. */
    public static void awaitLeaders(Admin admin, String topic, int partitions) {
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().filter(p -> p.leader() != null && !p.leader().isEmpty()).count() == partitions);
    }
}
