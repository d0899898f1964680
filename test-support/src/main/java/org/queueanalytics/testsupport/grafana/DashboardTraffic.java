package org.queueanalytics.testsupport.grafana;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.queueanalytics.common.record.QueueIntervalRecord;

/**
 * A little traffic shaped the way Genesys counts, for the dashboard tests: 3 queues × 2 media
 * types × 8 half-hours before {@code now}, each fetched twice (FINAL keeps the newer, fetched at
 * {@code now − 9 min}). Every third interval holds only the ends of long calls (no offer, no
 * answer: service level NULL); in another third more calls were answered than offered (answered
 * in the interval after their offer); the rest is ordinary.
 */
public final class DashboardTraffic {
    private DashboardTraffic() {
    }

    /** When the newer fetch of every interval was made. */
    public static Instant newestFetch(Instant now) {
        return now.minus(Duration.ofMinutes(9));
    }

    public static List<QueueIntervalRecord> rows(Instant now) {
        List<QueueIntervalRecord> rows = new ArrayList<>();
        Instant newest = now.truncatedTo(ChronoUnit.HOURS);
        for (int q = 0; q < 3; q++) {
            for (String media : List.of("voice", "chat")) {
                for (int i = 0; i < 8; i++) {
                    Instant start = newest.minus(Duration.ofMinutes(30L * i));
                    for (int version = 0; version < 2; version++) {
                        rows.add(row(now, q, media, start, i, version));
                    }
                }
            }
        }
        return rows;
    }

    /** What the queue table must show for queue-1 / voice: sums over the newest rows of that selection. */
    public record QueueTableExpectation(double serviceLevelPct, long answered, long offered, double longestWaitSeconds) {
    }

    /**
     * The queue table's expected numbers for queue-1 / voice. Refuses traffic that could not tell a
     * ratio of sums from an average of service_level_pct (the point of the dashboard tests): the
     * selection must hold a NULL service level, an interval with answered > offered, and the two
     * computations must differ by more than 10 points.
     */
    public static QueueTableExpectation queueOneVoice(Instant now) {
        List<QueueIntervalRecord> newest = rows(now).stream()
                .filter(r -> r.queueId().equals("queue-1") && r.mediaType().equals("voice"))
                .filter(r -> r.fetchedAt().equals(newestFetch(now)))
                .toList();
        if (newest.size() != 8 || newest.stream().noneMatch(r -> r.answered() > r.offered())
                || newest.stream().noneMatch(r -> r.serviceLevelPct() == null)) {
            throw new IllegalStateException("the dashboard traffic lost its NULL service level or answered > offered");
        }
        double ratioOfSums = 100.0 * newest.stream().mapToLong(QueueIntervalRecord::slNumerator).sum()
                / newest.stream().mapToLong(QueueIntervalRecord::slDenominator).sum();
        double averageOfPercentages = newest.stream().filter(r -> r.serviceLevelPct() != null)
                .mapToDouble(QueueIntervalRecord::serviceLevelPct).average().orElseThrow();
        if (Math.abs(ratioOfSums - averageOfPercentages) <= 10) {
            throw new IllegalStateException("the dashboard traffic does not tell a ratio of sums from an average");
        }
        return new QueueTableExpectation(ratioOfSums, newest.stream().mapToLong(QueueIntervalRecord::answered).sum(),
                newest.stream().mapToLong(QueueIntervalRecord::offered).sum(),
                newest.stream().mapToLong(QueueIntervalRecord::maxWaitTimeMs).max().orElseThrow() / 1000.0);
    }

    /** The one row of a {@code TabSeparatedWithNames} answer, value by column name. */
    public static Map<String, String> singleRow(String tabSeparatedWithNames) {
        List<String> lines = tabSeparatedWithNames.lines().toList();
        if (lines.size() != 2) {
            throw new IllegalStateException("expected a header and one row, got " + lines.size() + " lines:\n" + tabSeparatedWithNames);
        }
        String[] names = lines.get(0).split("\t");
        String[] values = lines.get(1).split("\t");
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], values[i]);
        }
        return row;
    }

    private static QueueIntervalRecord row(Instant now, int q, String media, Instant start, int i, int version) {
        QueueIntervalRecord.Builder r = QueueIntervalRecord.builder().queueId("queue-" + q)
                .queueName("Queue " + q + " 'support'").mediaType(media).intervalStart(start)
                .intervalEnd(start.plus(Duration.ofMinutes(30))).granularity("PT30M")
                .fetchedAt(now.minus(Duration.ofMinutes(10L - version)))
                .talkTimeMs(400_000).talkCount(2).acwTimeMs(30_000).acwCount(2).handleTimeMs(450_000).handleCount(2);
        int offered = 20 + i + version;
        return switch (i % 3) {
            case 0 -> r.build(); // only the ends of long calls
            case 1 -> r.offered(offered).answered(offered + 5).abandoned(1).serviceLevelPct(100.0 * 3 / (offered + 6))
                    .slNumerator(3).slDenominator(offered + 6).slTarget(0.8).overSla(offered + 2).answerTimeMs(900_000)
                    .waitTimeMs(950_000).maxWaitTimeMs(240_000).abandonTimeMs(50_000).build();
            default -> r.offered(offered).answered(offered - 3).abandoned(2).serviceLevelPct(100.0 * 4 / 5).shortAbandoned(1)
                    .overSla(1).slNumerator(4).slDenominator(5).slTarget(0.8).answerTimeMs(60_000).waitTimeMs(90_000)
                    .maxWaitTimeMs(30_000).abandonTimeMs(40_000).holdTimeMs(20_000).holdCount(1).transferred(1).build();
        };
    }
}
