package org.queueanalytics.common.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One Kafka record: the statistics of one (queue, media type, interval), as fetched at
 * {@code fetchedAt}. JSON field names are the snake_case of the component names (see
 * {@link RecordJson}); docs/ARCHITECTURE.md "The Kafka record" is the contract.
 *
 * <p>Each metric belongs to the interval of its own event (offer, answer, abandon, segment
 * end), as Genesys counts it, so nothing here is related to another field of the same record
 * by an inequality: answered may exceed offered, a record may hold only handle and talk times.
 *
 * <p>Counts and durations are {@code long} so that a consumer can see (and reject) a value
 * outside the ClickHouse column type instead of wrapping it. {@code fetchedAt} is the version
 * ClickHouse's ReplacingMergeTree keeps the newest of. {@code serviceLevelPct} and
 * {@code slTarget} are null when Genesys sent no {@code oServiceLevel} for the bucket (nothing
 * answered or abandoned in it): a 0 there would be a false 0 %.
 *
 * <p>Schema version 1 grew additively: the fields from {@code abandonTimeMs} on were added
 * later, are optional on input (absent = 0, or null for {@code serviceTarget}) so that records
 * written before them still read, and are ignored by consumers that do not know them. Every
 * field before them is required.
 */
public record QueueIntervalRecord(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String queueId,
        @JsonProperty(required = true) String queueName,
        @JsonProperty(required = true) String mediaType,
        @JsonProperty(required = true) Instant intervalStart,
        @JsonProperty(required = true) Instant intervalEnd,
        @JsonProperty(required = true) String granularity,
        @JsonProperty(required = true) Instant fetchedAt,
        /** {@code nOffered}. */
        @JsonProperty(required = true) long offered,
        /** {@code tAnswered.count}. */
        @JsonProperty(required = true) long answered,
        /** {@code tAbandon.count}. */
        @JsonProperty(required = true) long abandoned,
        /** 100 × {@code oServiceLevel.ratio}; null without {@code oServiceLevel}. */
        @JsonProperty(required = true) Double serviceLevelPct,
        @JsonProperty(required = true) long shortAbandoned,
        @JsonProperty(required = true) long flowOuts,
        @JsonProperty(required = true) long overSla,
        @JsonProperty(required = true) long slNumerator,
        @JsonProperty(required = true) long slDenominator,
        /** {@code oServiceLevel.target} (a fraction, 0.8); null without {@code oServiceLevel}. */
        @JsonProperty(required = true) Double slTarget,
        @JsonProperty(required = true) long answerTimeMs,
        @JsonProperty(required = true) long waitTimeMs,
        @JsonProperty(required = true) long talkTimeMs,
        @JsonProperty(required = true) long holdTimeMs,
        @JsonProperty(required = true) long acwTimeMs,
        @JsonProperty(required = true) long handleTimeMs,
        @JsonProperty(required = true) long handleCount,
        @JsonProperty(required = true) long transferred,
        // --- added later in schema version 1: optional on input ---
        /** {@code tAbandon.sum}: average abandon time = abandon_time_ms / abandoned. */
        @AddedLater long abandonTimeMs,
        /** {@code tWait.max}: the longest wait that ended in the interval. */
        @AddedLater long maxWaitTimeMs,
        /** {@code tTalkComplete.count}. */
        @AddedLater long talkCount,
        /** {@code tHeldComplete.count}. */
        @AddedLater long holdCount,
        /** {@code tAcw.count}. */
        @AddedLater long acwCount,
        /** {@code tAlert.sum}. */
        @AddedLater long alertTimeMs,
        /** {@code tAlert.count}. */
        @AddedLater long alertCount,
        /** {@code tNotResponding.sum}. */
        @AddedLater long notRespondingTimeMs,
        /** {@code tNotResponding.count}. */
        @AddedLater long notRespondingCount,
        /** {@code nConnected}. */
        @AddedLater long connected,
        /** {@code tAcd.sum}. */
        @AddedLater long acdTimeMs,
        /** {@code tAcd.count}. */
        @AddedLater long acdCount,
        /** {@code nConsult}. */
        @AddedLater long consults,
        /** {@code nConsultTransferred}. */
        @AddedLater long consultTransferred,
        /** {@code nBlindTransferred}. */
        @AddedLater long blindTransferred,
        /** {@code nOutbound}. */
        @AddedLater long outbound,
        /** {@code nError}. */
        @AddedLater long errors,
        /** {@code tVoicemail.sum}. */
        @AddedLater long voicemailTimeMs,
        /** {@code tVoicemail.count}. */
        @AddedLater long voicemailCount,
        /** {@code oServiceTarget}: the configured service-level target (a fraction); null when not sent. */
        Double serviceTarget) {

    public static final int SCHEMA_VERSION = 1;

    /** The Kafka key: the queue id, so all intervals of one queue land in one partition, in order. */
    public String key() {
        return queueId;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds a record by field name; counts and times default to 0, the service-level fields to
     * null and {@code schemaVersion} to {@link #SCHEMA_VERSION}. Not thread-safe.
     */
    public static final class Builder {
        private int schemaVersion = SCHEMA_VERSION;
        private String queueId;
        private String queueName;
        private String mediaType;
        private Instant intervalStart;
        private Instant intervalEnd;
        private String granularity;
        private Instant fetchedAt;
        private long offered;
        private long answered;
        private long abandoned;
        private Double serviceLevelPct;
        private long shortAbandoned;
        private long flowOuts;
        private long overSla;
        private long slNumerator;
        private long slDenominator;
        private Double slTarget;
        private long answerTimeMs;
        private long waitTimeMs;
        private long talkTimeMs;
        private long holdTimeMs;
        private long acwTimeMs;
        private long handleTimeMs;
        private long handleCount;
        private long transferred;
        private long abandonTimeMs;
        private long maxWaitTimeMs;
        private long talkCount;
        private long holdCount;
        private long acwCount;
        private long alertTimeMs;
        private long alertCount;
        private long notRespondingTimeMs;
        private long notRespondingCount;
        private long connected;
        private long acdTimeMs;
        private long acdCount;
        private long consults;
        private long consultTransferred;
        private long blindTransferred;
        private long outbound;
        private long errors;
        private long voicemailTimeMs;
        private long voicemailCount;
        private Double serviceTarget;

        private Builder() {
        }

        private Builder(QueueIntervalRecord r) {
            schemaVersion = r.schemaVersion;
            queueId = r.queueId;
            queueName = r.queueName;
            mediaType = r.mediaType;
            intervalStart = r.intervalStart;
            intervalEnd = r.intervalEnd;
            granularity = r.granularity;
            fetchedAt = r.fetchedAt;
            offered = r.offered;
            answered = r.answered;
            abandoned = r.abandoned;
            serviceLevelPct = r.serviceLevelPct;
            shortAbandoned = r.shortAbandoned;
            flowOuts = r.flowOuts;
            overSla = r.overSla;
            slNumerator = r.slNumerator;
            slDenominator = r.slDenominator;
            slTarget = r.slTarget;
            answerTimeMs = r.answerTimeMs;
            waitTimeMs = r.waitTimeMs;
            talkTimeMs = r.talkTimeMs;
            holdTimeMs = r.holdTimeMs;
            acwTimeMs = r.acwTimeMs;
            handleTimeMs = r.handleTimeMs;
            handleCount = r.handleCount;
            transferred = r.transferred;
            abandonTimeMs = r.abandonTimeMs;
            maxWaitTimeMs = r.maxWaitTimeMs;
            talkCount = r.talkCount;
            holdCount = r.holdCount;
            acwCount = r.acwCount;
            alertTimeMs = r.alertTimeMs;
            alertCount = r.alertCount;
            notRespondingTimeMs = r.notRespondingTimeMs;
            notRespondingCount = r.notRespondingCount;
            connected = r.connected;
            acdTimeMs = r.acdTimeMs;
            acdCount = r.acdCount;
            consults = r.consults;
            consultTransferred = r.consultTransferred;
            blindTransferred = r.blindTransferred;
            outbound = r.outbound;
            errors = r.errors;
            voicemailTimeMs = r.voicemailTimeMs;
            voicemailCount = r.voicemailCount;
            serviceTarget = r.serviceTarget;
        }

        public QueueIntervalRecord build() {
            return new QueueIntervalRecord(schemaVersion, queueId, queueName, mediaType, intervalStart, intervalEnd,
                    granularity, fetchedAt, offered, answered, abandoned, serviceLevelPct, shortAbandoned, flowOuts,
                    overSla, slNumerator, slDenominator, slTarget, answerTimeMs, waitTimeMs, talkTimeMs, holdTimeMs,
                    acwTimeMs, handleTimeMs, handleCount, transferred, abandonTimeMs, maxWaitTimeMs, talkCount,
                    holdCount, acwCount, alertTimeMs, alertCount, notRespondingTimeMs, notRespondingCount, connected,
                    acdTimeMs, acdCount, consults, consultTransferred, blindTransferred, outbound, errors,
                    voicemailTimeMs, voicemailCount, serviceTarget);
        }

        public Builder schemaVersion(int v) { schemaVersion = v; return this; }
        public Builder queueId(String v) { queueId = v; return this; }
        public Builder queueName(String v) { queueName = v; return this; }
        public Builder mediaType(String v) { mediaType = v; return this; }
        public Builder intervalStart(Instant v) { intervalStart = v; return this; }
        public Builder intervalEnd(Instant v) { intervalEnd = v; return this; }
        public Builder granularity(String v) { granularity = v; return this; }
        public Builder fetchedAt(Instant v) { fetchedAt = v; return this; }
        public Builder offered(long v) { offered = v; return this; }
        public Builder answered(long v) { answered = v; return this; }
        public Builder abandoned(long v) { abandoned = v; return this; }
        public Builder serviceLevelPct(Double v) { serviceLevelPct = v; return this; }
        public Builder shortAbandoned(long v) { shortAbandoned = v; return this; }
        public Builder flowOuts(long v) { flowOuts = v; return this; }
        public Builder overSla(long v) { overSla = v; return this; }
        public Builder slNumerator(long v) { slNumerator = v; return this; }
        public Builder slDenominator(long v) { slDenominator = v; return this; }
        public Builder slTarget(Double v) { slTarget = v; return this; }
        public Builder answerTimeMs(long v) { answerTimeMs = v; return this; }
        public Builder waitTimeMs(long v) { waitTimeMs = v; return this; }
        public Builder talkTimeMs(long v) { talkTimeMs = v; return this; }
        public Builder holdTimeMs(long v) { holdTimeMs = v; return this; }
        public Builder acwTimeMs(long v) { acwTimeMs = v; return this; }
        public Builder handleTimeMs(long v) { handleTimeMs = v; return this; }
        public Builder handleCount(long v) { handleCount = v; return this; }
        public Builder transferred(long v) { transferred = v; return this; }
        public Builder abandonTimeMs(long v) { abandonTimeMs = v; return this; }
        public Builder maxWaitTimeMs(long v) { maxWaitTimeMs = v; return this; }
        public Builder talkCount(long v) { talkCount = v; return this; }
        public Builder holdCount(long v) { holdCount = v; return this; }
        public Builder acwCount(long v) { acwCount = v; return this; }
        public Builder alertTimeMs(long v) { alertTimeMs = v; return this; }
        public Builder alertCount(long v) { alertCount = v; return this; }
        public Builder notRespondingTimeMs(long v) { notRespondingTimeMs = v; return this; }
        public Builder notRespondingCount(long v) { notRespondingCount = v; return this; }
        public Builder connected(long v) { connected = v; return this; }
        public Builder acdTimeMs(long v) { acdTimeMs = v; return this; }
        public Builder acdCount(long v) { acdCount = v; return this; }
        public Builder consults(long v) { consults = v; return this; }
        public Builder consultTransferred(long v) { consultTransferred = v; return this; }
        public Builder blindTransferred(long v) { blindTransferred = v; return this; }
        public Builder outbound(long v) { outbound = v; return this; }
        public Builder errors(long v) { errors = v; return this; }
        public Builder voicemailTimeMs(long v) { voicemailTimeMs = v; return this; }
        public Builder voicemailCount(long v) { voicemailCount = v; return this; }
        public Builder serviceTarget(Double v) { serviceTarget = v; return this; }
    }
}
