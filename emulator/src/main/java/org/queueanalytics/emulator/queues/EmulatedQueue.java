package org.queueanalytics.emulator.queues;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One queue of the emulated organisation.
 *
 * @param id          deterministic from the seed
 * @param name        may be adversarial (quotes, control characters, SQL, emoji…)
 * @param mediaTypes  always starts with voice
 * @param deleted     a deleted queue keeps its history in analytics but is absent from routing
 * @param volume      traffic multiplier of this queue (1.0 = typical)
 */
public record EmulatedQueue(UUID id, String name, List<MediaType> mediaTypes, boolean deleted, double volume) {
    public EmulatedQueue {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        mediaTypes = List.copyOf(mediaTypes);
        if (mediaTypes.isEmpty() || mediaTypes.get(0) != MediaType.VOICE) {
            throw new IllegalArgumentException("a queue always handles voice first, got " + mediaTypes);
        }
    }

    public String idString() {
        return id.toString();
    }

    public boolean handles(MediaType mediaType) {
        return mediaTypes.contains(mediaType);
    }
}
