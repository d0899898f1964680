package org.queueanalytics.emulator.observations;

import java.util.List;
import java.util.Objects;

/**
 * One result of a queue observation answer: conversation metrics of a (queue, media type), or user metrics of a
 * queue ({@code mediaType} null).
 */
public record ObservationGroup(String queueId, String mediaType, List<ObservationValue> data) {
    public ObservationGroup {
        Objects.requireNonNull(queueId, "queueId");
        data = List.copyOf(data);
    }
}
