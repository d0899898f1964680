package org.queueanalytics.producer.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.queueanalytics.common.record.QueueIntervalRecord;

/**
 * Maps an aggregates answer to Kafka records: one {@link QueueIntervalRecord} per
 * (queue, media type, bucket) that Genesys returned.
 *
 * <p>Genesys counts each metric in the interval of its own event (offer, answer, abandon,
 * segment end), so a bucket may hold any subset of the metrics: answered above offered, or only
 * the talk and handle times of calls that ended in it. Nothing here relates one metric to another.
 *
 * <p>Genesys answers sparsely: a bucket without activity is absent, and so is a metric without a
 * value. An absent count or time maps to 0; an absent {@code oServiceLevel} maps to
 * {@code service_level_pct} and {@code sl_target} null (nothing answered or abandoned in the
 * interval: there is no service level, and a 0 would read as 0 %). An
 * absent bucket produces <em>no</em> record — a zero row would be indistinguishable from "no
 * activity" anyway and would multiply the rows of quiet queues. The consequence: if a re-poll
 * finds that a bucket which earlier had activity has disappeared (rare — Genesys reprocessing can
 * move conversations), the earlier row is not zeroed.
 *
 * <p>Interval bounds come from the bucket's own {@code interval} ({@code start/end}, both parsed
 * with {@link Instant#parse}), never from the wall clock. {@code service_level_pct} is
 * {@code 100 × ratio} rounded half-up to two decimals (0.7804878… → 78.05).
 * Durations ({@code t*} sums) are milliseconds, rounded to whole milliseconds.
 *
 * <p>A result group without {@code queueId} or {@code mediaType} is skipped (it cannot be keyed),
 * and reported to the {@link GroupSkipListener}: one odd group must not fail every cycle the same way.
 */
public final class AggregatesResponseMapper {
    private final Function<String, String> queueName;
    private final String granularity;
    private final GroupSkipListener skipped;

    /**
     * @param queueName   the name of a queue id (its id when unknown)
     * @param granularity the configured granularity as written in the record, e.g. {@code PT30M}
     */
    public AggregatesResponseMapper(Function<String, String> queueName, String granularity) {
        this(queueName, granularity, GroupSkipListener.NONE);
    }

    /** @param skipped told about each result group skipped for a missing dimension */
    public AggregatesResponseMapper(Function<String, String> queueName, String granularity, GroupSkipListener skipped) {
        this.queueName = queueName;
        this.granularity = granularity;
        this.skipped = skipped;
    }

    /** @param fetchedAt when the answer was fetched; truncated to milliseconds */
    public List<QueueIntervalRecord> map(JsonNode response, Instant fetchedAt) throws GenesysResponseException {
        Instant fetched = fetchedAt.truncatedTo(ChronoUnit.MILLIS);
        List<QueueIntervalRecord> records = new ArrayList<>();
        for (JsonNode result : response.path("results")) {
            JsonNode group = result.path("group");
            String queueId = group.path("queueId").asText("");
            if (queueId.isEmpty()) {
                skipped.groupSkipped(SkipReason.MISSING_QUEUE_ID);
                continue;
            }
            String mediaType = group.path("mediaType").asText("");
            if (mediaType.isEmpty()) {
                skipped.groupSkipped(SkipReason.MISSING_MEDIA_TYPE);
                continue;
            }
            String name = queueName.apply(queueId);
            for (JsonNode bucket : result.path("data")) {
                records.add(record(queueId, name, mediaType, bucket, fetched));
            }
        }
        return records;
    }

    private QueueIntervalRecord record(String queueId, String name, String mediaType, JsonNode bucket, Instant fetchedAt)
            throws GenesysResponseException {
        Instant[] interval = interval(bucket.path("interval").asText(""), queueId);
        Metrics m = new Metrics(bucket.path("metrics"));
        JsonNode sl = m.stats("oServiceLevel");
        Double ratio = number(sl.path("ratio"));
        return QueueIntervalRecord.builder()
                .queueId(queueId)
                .queueName(name)
                .mediaType(mediaType)
                .intervalStart(interval[0])
                .intervalEnd(interval[1])
                .granularity(granularity)
                .fetchedAt(fetchedAt)
                .offered(m.count("nOffered"))
                .answered(m.count("tAnswered"))
                .abandoned(m.count("tAbandon"))
                .serviceLevelPct(ratio == null ? null : percent(ratio))
                .shortAbandoned(m.count("tShortAbandon"))
                .flowOuts(m.count("tFlowOut"))
                .overSla(m.count("nOverSla"))
                .slNumerator(Math.round(sl.path("numerator").asDouble(0)))
                .slDenominator(Math.round(sl.path("denominator").asDouble(0)))
                .slTarget(ratio == null ? null : number(sl.path("target")))
                .answerTimeMs(m.sum("tAnswered"))
                .waitTimeMs(m.sum("tWait"))
                .talkTimeMs(m.sum("tTalkComplete"))
                .holdTimeMs(m.sum("tHeldComplete"))
                .acwTimeMs(m.sum("tAcw"))
                .handleTimeMs(m.sum("tHandle"))
                .handleCount(m.count("tHandle"))
                .transferred(m.count("nTransferred"))
                .abandonTimeMs(m.sum("tAbandon"))
                .maxWaitTimeMs(m.max("tWait"))
                .talkCount(m.count("tTalkComplete"))
                .holdCount(m.count("tHeldComplete"))
                .acwCount(m.count("tAcw"))
                .alertTimeMs(m.sum("tAlert"))
                .alertCount(m.count("tAlert"))
                .notRespondingTimeMs(m.sum("tNotResponding"))
                .notRespondingCount(m.count("tNotResponding"))
                .connected(m.count("nConnected"))
                .acdTimeMs(m.sum("tAcd"))
                .acdCount(m.count("tAcd"))
                .consults(m.count("nConsult"))
                .consultTransferred(m.count("nConsultTransferred"))
                .blindTransferred(m.count("nBlindTransferred"))
                .outbound(m.count("nOutbound"))
                .errors(m.count("nError"))
                .voicemailTimeMs(m.sum("tVoicemail"))
                .voicemailCount(m.count("tVoicemail"))
                .serviceTarget(serviceTarget(m.stats("oServiceTarget")))
                .build();
    }

    /**
     * {@code oServiceTarget}'s value. Which statistic carries it is not documented; {@code target}
     * (as in {@code oServiceLevel}) is read first, then {@code current}, then {@code ratio}.
     */
    private static Double serviceTarget(JsonNode stats) {
        for (String field : new String[] {"target", "current", "ratio"}) {
            Double value = number(stats.path(field));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A finite JSON number, else null. */
    private static Double number(JsonNode node) {
        return node.isNumber() && Double.isFinite(node.asDouble()) ? node.asDouble() : null;
    }

    static double percent(double ratio) {
        return BigDecimal.valueOf(ratio).movePointRight(2).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static Instant[] interval(String text, String queueId) throws GenesysResponseException {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new GenesysResponseException("aggregates bucket of queue " + queueId + " has interval \"" + text
                    + "\", expected start/end", null);
        }
        try {
            Instant start = Instant.parse(text.substring(0, slash));
            Instant end = Instant.parse(text.substring(slash + 1));
            if (!end.isAfter(start)) {
                throw new GenesysResponseException("aggregates bucket of queue " + queueId + " has an empty interval " + text, null);
            }
            return new Instant[] {start, end};
        } catch (DateTimeParseException e) {
            throw new GenesysResponseException("aggregates bucket of queue " + queueId + " has an unparseable interval \""
                    + text + "\"", e);
        }
    }

    /** The metrics of one bucket, by name; absent metrics and stats read as 0. */
    private static final class Metrics {
        private final JsonNode metrics;

        Metrics(JsonNode metrics) {
            this.metrics = metrics;
        }

        JsonNode stats(String metric) {
            for (JsonNode m : metrics) {
                if (metric.equals(m.path("metric").asText())) {
                    return m.path("stats");
                }
            }
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }

        long count(String metric) {
            return Math.round(stats(metric).path("count").asDouble(0));
        }

        long sum(String metric) {
            return Math.round(stats(metric).path("sum").asDouble(0));
        }

        long max(String metric) {
            return Math.round(stats(metric).path("max").asDouble(0));
        }
    }
}
