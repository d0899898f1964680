package org.queueanalytics.producer.observations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.producer.genesys.GenesysResponseException;

/**
 * Maps a queue observations answer to Kafka records: one {@link QueueObservationRecord} per
 * (queue, media type, metric, qualifier) Genesys returned.
 *
 * <ul>
 *   <li>{@code group.queueId} keys the record; {@code group.mediaType} is absent for the user metrics
 *       ({@code o*Users}, {@code oUserRoutingStatuses}, {@code oUserPresences}), which Genesys groups per
 *       queue only: then the media type is {@code ""}.</li>
 *   <li>{@code qualifier} (a routing status, a presence) is {@code ""} when absent;
 *       {@code stats.count} is 0 when absent (as is a missing {@code stats});
 *       {@code stats.calculatedMetricValue} (epoch ms of the oldest waiting/interacting conversation for
 *       {@code oLongest*}) is null when absent.</li>
 *   <li>What Genesys omitted is not published: absence is not zero, and the reader decides what a missing
 *       fresh row means. A metric that was not asked for is ignored.</li>
 *   <li>{@code observedAt} — when the answer arrived — is truncated to milliseconds.</li>
 * </ul>
 *
 * An answer that cannot be read this way (a group without {@code queueId}, a data entry without
 * {@code metric}, a count that is not a whole number ≥ 0, a value of the wrong type) is a
 * {@link GenesysResponseException}: nothing of that answer is published, the snapshot ends there and the
 * next one asks again.
 */
public final class ObservationResponseMapper {
    private final Set<String> asked;

    /** @param asked the metrics the query asked for */
    public ObservationResponseMapper(List<String> asked) {
        this.asked = Set.copyOf(asked);
    }

    /**
     * @param answer     an answer of the {@code OBSERVATIONS} shape ({@code {}} or a {@code results} array of objects)
     * @param queueName  the name of a queue id (its id when unknown)
     * @param observedAt when the answer arrived
     */
    public List<QueueObservationRecord> map(JsonNode answer, Function<String, String> queueName, Instant observedAt)
            throws GenesysResponseException {
        Instant at = observedAt.truncatedTo(ChronoUnit.MILLIS);
        List<QueueObservationRecord> records = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            JsonNode group = result.path("group");
            String queueId = text(group, "queueId", "a result group");
            if (queueId.isEmpty()) {
                throw malformed("a result group has no \"queueId\": " + abbreviate(group));
            }
            String mediaType = text(group, "mediaType", "the group of queue " + queueId);
            String name = queueName.apply(queueId);
            for (JsonNode entry : result.path("data")) {
                String where = "a data entry of queue " + queueId;
                if (!entry.isObject()) {
                    throw malformed(where + " is not an object");
                }
                String metric = text(entry, "metric", where);
                if (metric.isEmpty()) {
                    throw malformed(where + " has no \"metric\"");
                }
                if (!asked.contains(metric)) {
                    continue;
                }
                where = "metric " + metric + " of queue " + queueId;
                String qualifier = text(entry, "qualifier", where);
                JsonNode stats = entry.path("stats");
                if (!stats.isMissingNode() && !stats.isNull() && !stats.isObject()) {
                    throw malformed(where + " has \"stats\" that is not an object");
                }
                records.add(QueueObservationRecord.of(queueId, name, mediaType, metric, qualifier, count(stats, where),
                        calculated(stats, where), at));
            }
        }
        return records;
    }

    /** A text field; absent or null reads as {@code ""}. */
    private static String text(JsonNode node, String field, String where) throws GenesysResponseException {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw malformed(where + " has \"" + field + "\" that is not a string: " + abbreviate(value));
        }
        return value.asText();
    }

    private static long count(JsonNode stats, String where) throws GenesysResponseException {
        JsonNode count = stats.path("count");
        if (count.isMissingNode() || count.isNull()) {
            return 0;
        }
        if (!wholeNumber(count) || count.asDouble() < 0) {
            throw malformed(where + " has a count that is not a whole number ≥ 0: " + abbreviate(count));
        }
        return count.asLong();
    }

    private static Long calculated(JsonNode stats, String where) throws GenesysResponseException {
        JsonNode value = stats.path("calculatedMetricValue");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw malformed(where + " has a calculatedMetricValue that is not a number: " + abbreviate(value));
        }
        return value.isIntegralNumber() ? value.asLong() : Math.round(value.asDouble());
    }

    private static boolean wholeNumber(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong()
                || n.isNumber() && Double.isFinite(n.asDouble()) && n.asDouble() == Math.rint(n.asDouble());
    }

    private static GenesysResponseException malformed(String problem) {
        return new GenesysResponseException("Genesys Cloud queue observations answer is malformed: " + problem
                + "; the snapshot is not published (the next one asks again)", null);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
