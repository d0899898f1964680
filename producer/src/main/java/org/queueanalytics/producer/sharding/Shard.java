package org.queueanalytics.producer.sharding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A slice of the queue set: queue {@code q} belongs to shard {@code floorMod(q.hashCode(), count)}
 * ({@link String#hashCode()} is specified, so every JVM agrees). One producer alone may own shard
 * {@code 0/1} (every queue); several producers divide {@code producer.shards} shards between them
 * (or each pins a static one) and keep one checkpoint per shard.
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

    /**
     * The coarser shards that hold every queue of this one, coarsest first: {@code (index mod m)/m}
     * for each {@code m < count} that divides {@code count} (for {@code 3/4}: {@code 0/1} and
     * {@code 1/2}), because {@code h mod count = index} implies {@code h mod m = index mod m}.
     */
    public List<Shard> enclosing() {
        List<Shard> out = new ArrayList<>();
        for (int m = 1; (long) m * m <= count; m++) {
            if (count % m == 0 && m < count) {
                out.add(new Shard(index % m, m));
                int other = count / m;
                if (other != m && other != count) {
                    out.add(new Shard(index % other, other));
                }
            }
        }
        out.sort(Comparator.comparingInt(Shard::count));
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
