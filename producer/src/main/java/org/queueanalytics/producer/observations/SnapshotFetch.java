package org.queueanalytics.producer.observations;

import java.util.List;
import java.util.Objects;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.producer.genesys.GenesysException;

/**
 * What the queries of one snapshot brought back. The queries run in order and the snapshot stops
 * at the first that finds no budget slot (it and every later one are {@code skipped}) or fails
 * ({@code failure}; the later ones are not sent). {@code records} are those of the answered queries.
 *
 * @param queries  the queries the snapshot needed (⌈queues / 100⌉)
 * @param answered queries Genesys answered with a well-formed answer
 * @param skipped  queries not sent because the request budget had no slot for them
 * @param failure  the failure that ended the snapshot early, or null
 */
public record SnapshotFetch(List<QueueObservationRecord> records, int queries, int answered, int skipped, GenesysException failure) {
    public SnapshotFetch {
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        if (answered < 0 || skipped < 0 || answered + skipped > queries) {
            throw new IllegalArgumentException("answered (" + answered + ") + skipped (" + skipped + ") exceed the queries ("
                    + queries + ")");
        }
    }

    public boolean allAnswered() {
        return answered == queries;
    }
}
