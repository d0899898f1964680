package org.queueanalytics.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.Consumer;
import org.queueanalytics.common.record.QueueObservationRecord;

/**
 * A deterministic stream of realistic live-state observation records, as the producer publishes
 * them with the default {@code observations.metrics}: a snapshot of every queue every 15 s, each
 * with the five conversation metrics per media type the queue handles ({@code oWaiting},
 * {@code oInteracting}, {@code oAlerting}, {@code oLongestWaiting}, {@code oLongestInteracting} —
 * zeros included, as Genesys sends them; the two longest carry {@code calculated_value}, the epoch
 * ms the oldest conversation started, null when there is none) and the user metrics once per queue
 * ({@code oOnQueueUsers} per routing status {@code IDLE} / {@code INTERACTING}, {@code oActiveUsers},
 * {@code oMemberUsers}) — 5 rows per media type plus 4, ~17 per queue on average (README "The
 * live-state table").
 *
 * <p>The queues are {@link SyntheticRecords}' (UUIDs, names in many scripts with quotes and emoji,
 * 1–5 media types), so both benchmark kinds write the same queues; the counts follow each queue's
 * volume and {@link SyntheticRecords#load} at the snapshot's instant (the default start is a
 * weekday morning). The same (seed, queues, start) always yields the same records in the same order.
 */
public final class SyntheticObservations {
    public static final int DEFAULT_QUEUES = 1000;
    /** A Wednesday at 09:00 UTC, a quarter of a second past the second (the answer's arrival, not a round time). */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-08T09:00:00.250Z");
    /** The default {@code observations.interval_seconds}. */
    public static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(15);
    private static final String[] CONVERSATION_METRICS = {"oWaiting", "oInteracting", "oAlerting", "oLongestWaiting",
        "oLongestInteracting"};
    private static final int USER_ROWS = 4;

    private final SyntheticRecords catalog;
    private final Instant start;
    private final long seed;

    public SyntheticObservations(long seed, int queueCount, Instant start) {
        this.catalog = new SyntheticRecords(seed, queueCount, start);
        this.start = start;
        this.seed = seed;
    }

    /** Rows of one snapshot of every queue (the same for every snapshot: zeros are sent too). */
    public long rowsPerSnapshot() {
        long rows = 0;
        for (SyntheticRecords.Queue queue : catalog.queues()) {
            rows += USER_ROWS + CONVERSATION_METRICS.length * mediaCount(queue);
        }
        return rows;
    }

    /** Calls {@code sink} with the first {@code count} records, in publication order (snapshot by snapshot). */
    public void forEach(long count, Consumer<QueueObservationRecord> sink) {
        Random random = new Random(seed ^ 0x0B5E4FL);
        long produced = 0;
        for (long s = 0; produced < count; s++) {
            Instant at = start.plus(SNAPSHOT_INTERVAL.multipliedBy(s));
            long atMs = at.toEpochMilli();
            double load = SyntheticRecords.load(at);
            for (SyntheticRecords.Queue q : catalog.queues()) {
                long withAgent = 0;
                double staffed = 0;
                for (int m = 0; m < SyntheticRecords.MEDIA.length; m++) {
                    if (q.media()[m] == 0) {
                        continue;
                    }
                    // contacts in progress = arrivals per 15 min × handle time ÷ 900 s (Little's law)
                    double busy = q.peakVolume() * q.media()[m] * q.talkSeconds() / 900;
                    staffed += busy;
                    long interacting = SyntheticRecords.poisson(random, busy * load);
                    long waiting = SyntheticRecords.poisson(random, busy * load * 0.15);
                    long alerting = SyntheticRecords.poisson(random, busy * load * 0.05);
                    withAgent += interacting + alerting;
                    Long oldestWait = waiting == 0 ? null : atMs - 1_000 - random.nextInt((int) Math.min(600_000, waiting * 45_000));
                    Long oldestTalk = interacting == 0 ? null : atMs - 5_000 - random.nextInt((int) (q.talkSeconds() * 2_000));
                    String media = SyntheticRecords.MEDIA[m];
                    long[] counts = {waiting, interacting, alerting, waiting, interacting};
                    Long[] calculated = {null, null, null, oldestWait, oldestTalk};
                    for (int i = 0; i < CONVERSATION_METRICS.length; i++) {
                        if (produced++ == count) {
                            return;
                        }
                        sink.accept(QueueObservationRecord.of(q.id(), q.name(), media, CONVERSATION_METRICS[i], "", counts[i],
                                calculated[i], at));
                    }
                }
                long members = 3 + Math.round(staffed * 1.4);
                long loggedIn = Math.min(members, Math.round(members * (0.2 + 0.8 * Math.min(1, load))));
                long onQueue = Math.round(loggedIn * 0.85);
                long busyAgents = Math.min(onQueue, withAgent);
                String[] metrics = {"oOnQueueUsers", "oOnQueueUsers", "oActiveUsers", "oMemberUsers"};
                String[] qualifiers = {"IDLE", "INTERACTING", "", ""};
                long[] counts = {onQueue - busyAgents, busyAgents, loggedIn, members};
                for (int i = 0; i < USER_ROWS; i++) {
                    if (produced++ == count) {
                        return;
                    }
                    sink.accept(QueueObservationRecord.of(q.id(), q.name(), "", metrics[i], qualifiers[i], counts[i], null, at));
                }
            }
        }
    }

    private static int mediaCount(SyntheticRecords.Queue queue) {
        int n = 0;
        for (double share : queue.media()) {
            if (share > 0) {
                n++;
            }
        }
        return n;
    }
}
