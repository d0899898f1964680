package org.queueanalytics.producer.publish;

/**
 * A slice of the queue set: queue {@code q} belongs to shard {@code floorMod(q.hashCode(), count)}
 * ({@link String#hashCode()} is specified, so every JVM agrees). Today one producer owns shard
 * {@code 0/1} (every queue); N producers each take some shards and keep one checkpoint per shard.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be i/n with 0 <= i < n (was " + index + "/" + count + ")");
        }
    }

    /** Parses {@code "i/n"}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard must look like i/n, e.g. 0/1 (was \"" + text + "\")");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must look like i/n, e.g. 0/1 (was \"" + text + "\")", e);
        }
    }

    public boolean contains(String queueId) {
        return Math.floorMod(queueId.hashCode(), count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
