package org.queueanalytics.common.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How producer instances split the queues between them (README "Scaling"). Queues hash into
 * {@code shards} fixed shards; the running instances divide those shards through a Kafka consumer
 * group, so starting or stopping one re-balances the work. {@code shard} ("i/n") pins this
 * instance to one static shard of n instead, and no group is joined ({@code shards} is then unused).
 *
 * @param shards the fixed number of queue shards shared by every instance of the group (1..{@value #MAX_SHARDS});
 *               every instance must use the same number, because it decides which queue belongs to which shard
 * @param shard  the static override, or null to divide the shards through the group
 */
public record ProducerSettings(int shards, StaticShard shard) {
    public static final int DEFAULT_SHARDS = 16;
    public static final int MAX_SHARDS = 1024;

    private static final Pattern SHARD = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public ProducerSettings {
        if (shards < 1 || shards > MAX_SHARDS) {
            throw new IllegalArgumentException("producer.shards: must be between 1 and " + MAX_SHARDS + " (was " + shards + ")");
        }
    }

    /** The static shard, when one is configured. */
    public Optional<StaticShard> staticShard() {
        return Optional.ofNullable(shard);
    }

    /** Shard {@code index} of {@code count}: the queues whose hash modulo {@code count} is {@code index}. */
    public record StaticShard(int index, int count) {
        public StaticShard {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("producer.shard: must be i/n with 0 <= i < n (was " + index + "/" + count + ")");
            }
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    static ProducerSettings read(ConfigSection s) {
        int shards = (int) s.integer("shards", DEFAULT_SHARDS, 1, MAX_SHARDS);
        String text = s.string("shard", null);
        StaticShard shard = null;
        if (text != null) {
            Matcher m = SHARD.matcher(text);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                int count = Integer.parseInt(m.group(2));
                if (count < 1 || index >= count) {
                    s.error("shard", "must be i/n with 0 <= i < n, e.g. \"0/2\" (was \"" + text + "\")");
                } else {
                    shard = new StaticShard(index, count);
                }
            } else {
                s.error("shard", "must look like i/n, e.g. \"0/2\", or be null to share the shards through the group (was \""
                        + text + "\")");
            }
        }
        StaticShard staticShard = shard;
        return s.build(() -> new ProducerSettings(shards, staticShard));
    }
}
