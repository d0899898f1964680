package org.queueanalytics.emulator.queues;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One queue of the emulated organisation.
 *
 * @param id            deterministic from the seed
 * @param name          may be adversarial (quotes, control characters, SQL, emoji…)
 * @param mediaTypes    always starts with voice
 * @param deleted       a deleted queue keeps its history in analytics but is absent from routing
 * @param volume        traffic multiplier of this queue (1.0 = typical)
 * @param serviceLevels the service-level goal of each media type of the queue (missing ones get
 *                      {@link ServiceLevel#typical})
 */
public record EmulatedQueue(UUID id, String name, List<MediaType> mediaTypes, boolean deleted, double volume,
                            Map<MediaType, ServiceLevel> serviceLevels) {
    public EmulatedQueue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        mediaTypes = List.copyOf(mediaTypes);
        if (mediaTypes.isEmpty() || mediaTypes.get(0) != MediaType.VOICE) {
            throw new IllegalArgumentException("a queue always handles voice first, got " + mediaTypes);
        }
        Map<MediaType, ServiceLevel> complete = new EnumMap<>(MediaType.class);
        for (MediaType media : mediaTypes) {
            complete.put(media, serviceLevels.getOrDefault(media, ServiceLevel.typical(media)));
        }
        serviceLevels = Map.copyOf(complete);
    }

    /** A queue with the typical service level of each media type. */
    public EmulatedQueue(UUID id, String name, List<MediaType> mediaTypes, boolean deleted, double volume) {
        this(id, name, mediaTypes, deleted, volume, Map.of());
    }

    public String idString() {
        return id.toString();
    }

    public boolean handles(MediaType mediaType) {
        return mediaTypes.contains(mediaType);
    }

    /** The goal for {@code media}; the typical one for a media type the queue does not handle. */
    public ServiceLevel serviceLevel(MediaType media) {
        return serviceLevels.getOrDefault(media, ServiceLevel.typical(media));
    }
}
