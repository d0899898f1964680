package org.queueanalytics.emulator.queues;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The emulated organisation's queues, derived only from the seed: the same seed and counts
 * give the same ids, names and media types on every run. Immutable.
 */
public final class QueueCatalog {
    private static final double EXTRA_MEDIA_PROBABILITY = 0.4;
    /** 0 = the media type's typical percentage; half the queues keep it. */
    private static final double[] PERCENTAGES = {0, 0, 0, 0.7, 0.9, 0.95};
    private static final double[] DURATION_FACTORS = {1, 1, 1, 0.5, 1.5, 2};

    private final List<EmulatedQueue> all;
    private final List<EmulatedQueue> visible;
    private final Map<String, EmulatedQueue> byId;

    private QueueCatalog(List<EmulatedQueue> all) {
        this.all = List.copyOf(all);
        this.visible = all.stream().filter(q -> !q.deleted()).toList();
        Map<String, EmulatedQueue> index = new LinkedHashMap<>();
        all.forEach(q -> index.put(q.idString(), q));
        this.byId = Collections.unmodifiableMap(index);
    }

    /** A catalog of exactly these queues, for tests that need specific ones. */
    public static QueueCatalog of(List<EmulatedQueue> queues) {
        return new QueueCatalog(queues);
    }

    /**
     * @param visibleQueues queues listed by the routing API
     * @param deletedQueues further queues that exist only in analytics history
     */
    public static QueueCatalog generate(long seed, int visibleQueues, int deletedQueues) {
        if (visibleQueues < 0 || deletedQueues < 0) {
            throw new IllegalArgumentException("queue counts must be ≥ 0, got " + visibleQueues + " and " + deletedQueues);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<EmulatedQueue> queues = new ArrayList<>(visibleQueues + deletedQueues);
        for (int i = 0; i < visibleQueues + deletedQueues; i++) {
            queues.add(queue(random.split(), i, i >= visibleQueues));
        }
        return new QueueCatalog(queues);
    }

    private static EmulatedQueue queue(SplittableRandom random, int index, boolean deleted) {
        UUID id = randomUuid(random);
        List<MediaType> media = new ArrayList<>(List.of(MediaType.VOICE));
        for (MediaType extra : MediaType.values()) {
            if (extra != MediaType.VOICE && random.nextDouble() < EXTRA_MEDIA_PROBABILITY) {
                media.add(extra);
            }
        }
        double volume = 0.2 + random.nextDouble() * 1.8;
        String name = deleted ? "Deleted queue " + (index + 1) : QueueNames.nameAt(index);
        return new EmulatedQueue(id, name, media, deleted, volume, serviceLevels(id, media));
    }

    /**
     * Per-media goals varied around the typical one. Drawn from a random seeded by the queue id,
     * not from the catalog's random, so that ids and names stay what they were for a seed.
     */
    private static Map<MediaType, ServiceLevel> serviceLevels(UUID id, List<MediaType> media) {
        SplittableRandom random = new SplittableRandom(id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 17));
        Map<MediaType, ServiceLevel> levels = new EnumMap<>(MediaType.class);
        for (MediaType type : media) {
            ServiceLevel typical = ServiceLevel.typical(type);
            double percentage = PERCENTAGES[random.nextInt(PERCENTAGES.length)];
            double durationFactor = DURATION_FACTORS[random.nextInt(DURATION_FACTORS.length)];
            levels.put(type, new ServiceLevel(percentage == 0 ? typical.percentage() : percentage,
                    Math.round(typical.durationMs() * durationFactor)));
        }
        return levels;
    }

    /** A version-4 UUID drawn from the seeded random. */
    private static UUID randomUuid(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Every queue, deleted ones included, in catalog order. */
    public List<EmulatedQueue> all() {
        return all;
    }

    /** Queues the routing API lists. */
    public List<EmulatedQueue> visible() {
        return visible;
    }

    public Optional<EmulatedQueue> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
