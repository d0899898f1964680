package org.queueanalytics.producer.sharding;

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

    @Test
    void theEnclosingShardsHoldEveryQueueOfTheFinerShard() {
        assertThat(new Shard(3, 4).enclosing()).containsExactly(Shard.ALL, new Shard(1, 2));
        assertThat(new Shard(13, 16).enclosing()).containsExactly(Shard.ALL, new Shard(1, 2), new Shard(1, 4), new Shard(5, 8));
        assertThat(new Shard(2, 3).enclosing()).containsExactly(Shard.ALL);
        assertThat(Shard.ALL.enclosing()).isEmpty();
        for (int q = 0; q < 1000; q++) {
            String id = "queue-" + q;
            Shard fine = new Shard(Math.floorMod(id.hashCode(), 12), 12);
            assertThat(fine.enclosing()).as(id).allMatch(coarse -> coarse.contains(id));
        }
    }
}
