package org.queueanalytics.producer.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ShardAssignmentTest {
    private static final String TOPIC = "genesys.queue-intervals.shards";
    private final ShardAssignment assignment = new ShardAssignment(16);
    private final ShardRebalanceListener listener = new ShardRebalanceListener(TOPIC, assignment);

    private static List<TopicPartition> partitions(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
    }

    @Test
    void ownsNothingBeforeTheFirstAssignment() {
        assertThat(assignment.current()).isEqualTo(OwnedShards.NONE);
        assertThat(assignment.current().isEmpty()).isTrue();
    }

    @Test
    void assignedPartitionsAreTheOwnedShardsOfTheConfiguredCount() {
        listener.onPartitionsAssigned(partitions(3, 0, 7));

        assertThat(assignment.current().shards()).containsExactlyInAnyOrder(new Shard(0, 16), new Shard(3, 16), new Shard(7, 16));
        assertThat(assignment.current().names()).containsExactly("0/16", "3/16", "7/16");
    }

    @Test
    void cooperativeRebalancesAddAndRemoveOnlyTheShardsThatMove() {
        listener.onPartitionsAssigned(partitions(0, 1, 2, 3));
        listener.onPartitionsRevoked(partitions(2, 3)); // another instance joined: half move away
        listener.onPartitionsAssigned(partitions()); // the follow-up rebalance gives this one nothing new

        assertThat(assignment.current().names()).containsExactly("0/16", "1/16");

        listener.onPartitionsAssigned(partitions(2, 3)); // it left again

        assertThat(assignment.current().names()).containsExactly("0/16", "1/16", "2/16", "3/16");
    }

    @Test
    void lostPartitionsAreNoLongerOwned() {
        listener.onPartitionsAssigned(partitions(4, 5));

        listener.onPartitionsLost(partitions(4, 5));

        assertThat(assignment.current().isEmpty()).isTrue();
    }

    @Test
    void theGenerationGrowsWithEveryChangeAndOnlyThen() {
        listener.onPartitionsAssigned(partitions(1));
        long first = assignment.current().generation();
        listener.onPartitionsAssigned(partitions());
        listener.onPartitionsAssigned(partitions(1));
        listener.onPartitionsRevoked(partitions(9));

        assertThat(assignment.current().generation()).isEqualTo(first);

        listener.onPartitionsRevoked(partitions(1));
        listener.onPartitionsAssigned(partitions(1)); // revoked and given back: the checkpoint may have moved meanwhile

        assertThat(assignment.current().generation()).isEqualTo(first + 2);
    }

    @Test
    void aSnapshotNeverChangesUnderItsReader() {
        listener.onPartitionsAssigned(partitions(0, 1));
        OwnedShards snapshot = assignment.current();

        listener.onPartitionsRevoked(partitions(0));

        assertThat(snapshot.names()).containsExactly("0/16", "1/16");
        assertThatThrownBy(() -> snapshot.shards().add(new Shard(5, 16))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void partitionsBeyondTheShardCountAndOtherTopicsAreIgnored() {
        listener.onPartitionsAssigned(List.of(new TopicPartition(TOPIC, 16), new TopicPartition("other", 2),
                new TopicPartition(TOPIC, 15)));

        assertThat(assignment.current().names()).containsExactly("15/16");
    }

    @Test
    void clearingOwnsNothing() {
        listener.onPartitionsAssigned(partitions(0, 1, 2));

        assignment.clear();

        assertThat(assignment.current().isEmpty()).isTrue();
    }
}
