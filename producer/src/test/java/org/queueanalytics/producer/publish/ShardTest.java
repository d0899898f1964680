package org.queueanalytics.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void theSingleShardOwnsEveryQueue() {
        assertThat(Shard.ALL.contains("any-queue")).isTrue();
        assertThat(Shard.parse("0/1")).isEqualTo(Shard.ALL);
        assertThat(Shard.ALL.toString()).isEqualTo("0/1");
    }

    @Test
    void everyQueueBelongsToExactlyOneOfNShards() {
        List<Shard> shards = IntStream.range(0, 3).mapToObj(i -> new Shard(i, 3)).toList();
        for (int q = 0; q < 1000; q++) {
            String id = "queue-" + q;
            assertThat(shards.stream().filter(s -> s.contains(id))).hasSize(1);
        }
    }

    @Test
    void rejectsMalformedShards() {
        assertThatThrownBy(() -> Shard.parse("3/3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shard.parse("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shard.parse("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
