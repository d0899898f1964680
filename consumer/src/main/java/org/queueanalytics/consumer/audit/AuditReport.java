package org.queueanalytics.consumer.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.queueanalytics.common.cli.ExitCodes;

/**
 * The audit's result: a count per {@link Outcome} and up to {@link #MAX_EXAMPLES} example keys
 * of each. Exit 0 when nothing is missing, stale or differing, else 1.
 */
public final class AuditReport {
    public static final int MAX_EXAMPLES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final String table;
    private final Instant from;
    private final Instant to;
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    private final Map<Outcome, List<Example>> examples = new EnumMap<>(Outcome.class);
    private long recordsRead;
    private long keys;

    /** {@code from}/{@code to} null: the whole retained topic / up to the end offsets read at start. */
    public AuditReport(String topic, String table, Instant from, Instant to) {
        this.topic = topic;
        this.table = table;
        this.from = from;
        this.to = to;
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0L);
            examples.put(o, new ArrayList<>());
        }
    }

    /**
     * One key (or one record without a usable key: {@code queueId} null) and what became of it.
     * {@code tableFetchedAt} null: no row; {@code reason} null unless there is one to tell.
     */
    public record Example(String queueId, String mediaType, Instant intervalStart, String granularity,
                          Long topicFetchedAt, Long tableFetchedAt, String reason, int partition, long offset) {
        String describe() {
            String where = queueId == null ? "record" : queueId + " " + mediaType + " " + intervalStart + " " + granularity;
            StringBuilder b = new StringBuilder(where).append(" (partition ").append(partition).append(" offset ").append(offset);
            if (topicFetchedAt != null) {
                b.append(", topic fetched_at ").append(Instant.ofEpochMilli(topicFetchedAt));
            }
            if (tableFetchedAt != null) {
                b.append(", table fetched_at ").append(Instant.ofEpochMilli(tableFetchedAt));
            }
            if (reason != null) {
                b.append(", ").append(reason);
            }
            return b.append(')').toString();
        }
    }

    public void add(Outcome outcome, Example example) {
        counts.merge(outcome, 1L, Long::sum);
        List<Example> list = examples.get(outcome);
        if (list.size() < MAX_EXAMPLES) {
            list.add(example);
        }
    }

    void recordsRead(long n) {
        recordsRead = n;
    }

    void keys(long n) {
        keys = n;
    }

    public long count(Outcome outcome) {
        return counts.get(outcome);
    }

    public List<Example> examples(Outcome outcome) {
        return List.copyOf(examples.get(outcome));
    }

    public long losses() {
        return counts.entrySet().stream().filter(e -> e.getKey().isLoss()).mapToLong(Map.Entry::getValue).sum();
    }

    public int exitCode() {
        return losses() == 0 ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    }

    /** One JSON object: the counts, the range, and up to 100 examples per class. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("topic", topic);
        root.put("table", table);
        root.put("from", from == null ? null : from.toString());
        root.put("to", to == null ? null : to.toString());
        root.put("records_read", recordsRead);
        root.put("keys", keys);
        for (Outcome o : Outcome.values()) {
            root.put(o.label(), counts.get(o));
        }
        root.put("complete", losses() == 0);
        ObjectNode ex = root.putObject("examples");
        for (Outcome o : Outcome.values()) {
            ArrayNode list = ex.putArray(o.label());
            for (Example e : examples.get(o)) {
                ObjectNode n = list.addObject();
                n.put("queue_id", e.queueId());
                n.put("media_type", e.mediaType());
                n.put("interval_start", e.intervalStart() == null ? null : e.intervalStart().toString());
                n.put("granularity", e.granularity());
                n.put("topic_fetched_at", e.topicFetchedAt() == null ? null : Instant.ofEpochMilli(e.topicFetchedAt()).toString());
                n.put("table_fetched_at", e.tableFetchedAt() == null ? null : Instant.ofEpochMilli(e.tableFetchedAt()).toString());
                n.put("partition", e.partition());
                n.put("offset", e.offset());
                if (e.reason() != null) {
                    n.put("reason", e.reason());
                }
            }
        }
        return root.toString();
    }

    /** A short summary for people: the counts, then up to 10 examples of each failing class. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("audit of topic ").append(topic).append(" against ").append(table)
                .append(" (record timestamps ").append(from == null ? "from the beginning" : "from " + from)
                .append(to == null ? " to the end offsets at start" : " to " + to + " exclusive").append(")\n");
        b.append(String.format("  %d records read, %d keys%n", recordsRead, keys));
        for (Outcome o : Outcome.values()) {
            b.append(String.format("  %-14s %d%n", o.label(), counts.get(o)));
        }
        for (Outcome o : Outcome.values()) {
            if (o == Outcome.MATCHED || examples.get(o).isEmpty()) {
                continue;
            }
            b.append(o.label()).append(", e.g.:\n");
            examples.get(o).stream().limit(10).forEach(e -> b.append("  ").append(e.describe()).append('\n'));
        }
        b.append(losses() == 0 ? "complete: every record's newest version is in the table or the DLQ\n"
                : "INCOMPLETE: " + losses() + " key(s) missing, stale or differing (use --json for up to "
                        + MAX_EXAMPLES + " examples each)\n");
        return b.toString();
    }
}
