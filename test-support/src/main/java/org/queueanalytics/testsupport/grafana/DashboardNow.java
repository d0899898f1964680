package org.queueanalytics.testsupport.grafana;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.queueanalytics.common.record.QueueObservationRecord;
import org.queueanalytics.testsupport.grafana.DashboardQueries.Selection;

/**
 * Live-state snapshots for the dashboard's "Now" row, and what each of its panels must show for them. The rows
 * are placed relative to {@code now} (the panels compare with the server's {@code now()}, which is the same
 * machine's clock):
 * <ul>
 *   <li>queue-1, newest snapshot 15 s ago: voice and chat, user metrics with routing-status qualifiers, oldest
 *       waits that started at another millisecond of their second than the snapshot's (the wait is whole seconds of
 *       the difference, not a difference of whole seconds) — and the same snapshot a second time in another insert,
 *       as a replay of the topic stores it ({@link #replay}; FINAL must count it once);</li>
 *   <li>queue-1, an older snapshot 45 s ago with much larger numbers and a routing status the newest one lacks: not
 *       the newest, so never shown (what the newest snapshot leaves out is 0, not its older value);</li>
 *   <li>queue-2, newest snapshot 30 s ago (another instant than queue-1's): nobody waits;</li>
 *   <li>queue-0, newest snapshot 20 minutes ago: stale, outside the row's 10-minute window — never shown, and
 *       alone ({@link #STALE_QUEUE}) every panel of the row shows no data rather than zeros.</li>
 * </ul>
 */
public final class DashboardNow {
    public static final List<String> STAT_PANELS = List.of("Waiting now", "Longest wait now", "Agents on queue now", "Interacting now");
    public static final String TABLE_PANEL = "Now, per queue";
    /** Every panel of the row: {@link #STAT_PANELS}, then {@link #TABLE_PANEL}. */
    public static final List<String> PANELS = Stream.concat(STAT_PANELS.stream(), Stream.of(TABLE_PANEL)).toList();
    /** The {@code queue} variable choosing only the queue whose newest snapshot is stale. */
    public static final String STALE_QUEUE = "'queue-0'";

    private DashboardNow() {
    }

    /** Every snapshot once; {@link #replay} is to be inserted after them. */
    public static List<QueueObservationRecord> snapshots(Instant now) {
        Instant base = base(now);
        Instant q1Old = base.minusSeconds(45);
        Instant q2 = base.minusSeconds(30);
        Instant stale = base.minus(Duration.ofMinutes(20));
        List<QueueObservationRecord> rows = new ArrayList<>(newestOfQueue1(base));
        rows.addAll(List.of(
                of("queue-1", "voice", "oWaiting", "", 50, null, q1Old),
                of("queue-1", "voice", "oLongestWaiting", "", 50, q1Old.minusSeconds(5000), q1Old),
                of("queue-1", "voice", "oInteracting", "", 40, null, q1Old),
                of("queue-1", "", "oOnQueueUsers", "IDLE", 40, null, q1Old),
                of("queue-1", "", "oOnQueueUsers", "NOT_RESPONDING", 5, null, q1Old),
                of("queue-2", "voice", "oWaiting", "", 0, null, q2),
                of("queue-2", "voice", "oLongestWaiting", "", 0, null, q2),
                of("queue-2", "voice", "oAlerting", "", 0, null, q2),
                of("queue-2", "voice", "oInteracting", "", 2, null, q2),
                of("queue-2", "voice", "oLongestInteracting", "", 2, q2.minusSeconds(120), q2),
                of("queue-2", "", "oOnQueueUsers", "IDLE", 1, null, q2),
                of("queue-2", "", "oActiveUsers", "", 2, null, q2),
                of("queue-0", "voice", "oWaiting", "", 9, null, stale),
                of("queue-0", "voice", "oLongestWaiting", "", 9, stale.minusSeconds(9000), stale),
                of("queue-0", "", "oOnQueueUsers", "IDLE", 5, null, stale)));
        return rows;
    }

    /** queue-1's newest snapshot of {@link #snapshots} again — the same keys and values, as a replay of the topic stores it. */
    public static List<QueueObservationRecord> replay(Instant now) {
        return newestOfQueue1(base(now));
    }

    private static Instant base(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
    }

    private static List<QueueObservationRecord> newestOfQueue1(Instant base) {
        Instant q1 = base.minusSeconds(15);
        return List.of(
                of("queue-1", "voice", "oWaiting", "", 4, null, q1),
                // waiting for 95.3 s and 299.4 s: 95 and 299 (whole seconds of each difference, not 96 and 300)
                of("queue-1", "voice", "oLongestWaiting", "", 4, q1.minusMillis(95_300), q1),
                of("queue-1", "voice", "oAlerting", "", 1, null, q1),
                of("queue-1", "voice", "oInteracting", "", 6, null, q1),
                of("queue-1", "voice", "oLongestInteracting", "", 6, q1.minusSeconds(600), q1),
                of("queue-1", "chat", "oWaiting", "", 2, null, q1),
                of("queue-1", "chat", "oLongestWaiting", "", 2, q1.minusMillis(299_400), q1),
                of("queue-1", "chat", "oAlerting", "", 0, null, q1),
                of("queue-1", "chat", "oInteracting", "", 3, null, q1),
                of("queue-1", "chat", "oLongestInteracting", "", 3, q1.minusSeconds(50), q1),
                of("queue-1", "", "oOnQueueUsers", "IDLE", 3, null, q1),
                of("queue-1", "", "oOnQueueUsers", "INTERACTING", 7, null, q1),
                of("queue-1", "", "oActiveUsers", "", 12, null, q1));
    }

    /**
     * What {@code panel} must answer (TabSeparated lines) for {@code selection}; for {@link #TABLE_PANEL} without
     * its last column, the snapshot's age, which depends on when the query runs ({@link #comparable}).
     */
    public static List<String> expected(String panel, Selection selection) {
        boolean all = selection == Selection.ALL;
        Map<String, List<String>> answers = Map.of(
                "Waiting now", List.of(all ? "6" : "4"),
                "Longest wait now", List.of(all ? "299" : "95"),
                "Agents on queue now", List.of(all ? "11" : "10"),
                "Interacting now", List.of(all ? "11" : "6"),
                // Queue, Waiting, Longest wait, Alerting, Interacting, Longest interaction, Agents on queue, idle, active
                TABLE_PANEL, all
                        ? List.of(row("Queue 1 'support'", 6, 299, 1, 9, 600, 10, 3, 12), row("Queue 2 'support'", 0, 0, 0, 2, 120, 1, 1, 2))
                        : List.of(row("Queue 1 'support'", 4, 95, 1, 6, 600, 10, 3, 12)));
        List<String> answer = answers.get(panel);
        if (answer == null) {
            throw new IllegalArgumentException("no expectation for panel '" + panel + "'");
        }
        return answer;
    }

    /** {@code tabSeparated}'s lines as {@link #expected} states them: the table's lines without the snapshot age. */
    public static List<String> comparable(String panel, String tabSeparated) {
        return tabSeparated.lines()
                .map(line -> panel.equals(TABLE_PANEL) ? line.substring(0, line.lastIndexOf('\t')) : line)
                .toList();
    }

    /** The snapshot ages (s) of the table's lines. */
    public static List<Long> snapshotAges(String tabSeparated) {
        return tabSeparated.lines().map(line -> Long.parseLong(line.substring(line.lastIndexOf('\t') + 1))).toList();
    }

    private static String row(String queue, long... values) {
        StringBuilder out = new StringBuilder(queue.replace("'", "\\'"));
        Arrays.stream(values).forEach(v -> out.append('\t').append(v));
        return out.toString();
    }

    private static QueueObservationRecord of(String queue, String media, String metric, String qualifier, long count,
                                             Instant calculatedFrom, Instant at) {
        String name = "Queue " + queue.substring("queue-".length()) + " 'support'";
        return QueueObservationRecord.of(queue, name, media, metric, qualifier, count,
                calculatedFrom == null ? null : calculatedFrom.toEpochMilli(), at);
    }
}
