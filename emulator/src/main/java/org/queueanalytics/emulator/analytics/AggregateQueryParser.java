package org.queueanalytics.emulator.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.queueanalytics.emulator.errors.GenesysErrors;

/**
 * Validates an aggregates query body the way the API does and turns it into an
 * {@link AggregateQuery}; every rejection is a 400 Genesys error body naming the field.
 * Unknown top-level fields (e.g. {@code clauses}, {@code views}, {@code flattenMultivaluedDimensions})
 * are accepted, like the SDK's bodies need.
 */
public final class AggregateQueryParser {
    /** The documented limit of the sibling user query; the emulator applies it here too. */
    public static final int DEFAULT_MAX_PREDICATES = 100;
    public static final Duration MAX_INTERVAL = Duration.ofDays(31);
    /** How a too-large query's 400 message starts, so clients can tell it from other 400s and split. */
    public static final String TOO_LARGE = "The query is too large:";
    private static final Set<String> GROUP_BY_DIMENSIONS = Set.of(AggregateQuery.QUEUE_ID, AggregateQuery.MEDIA_TYPE);

    private final ObjectMapper json;
    private final int maxPredicates;

    public AggregateQueryParser(ObjectMapper json, int maxPredicates) {
        this.json = json;
        this.maxPredicates = maxPredicates;
    }

    public AggregateQuery parse(String body) {
        JsonNode root = readObject(body);
        Instant[] interval = interval(root.get("interval"));
        Duration granularity = granularity(root.get("granularity"), interval[0], interval[1]);
        ZoneId zone = timeZone(root.get("timeZone"));
        List<String> groupBy = groupBy(root.get("groupBy"));
        QueryFilter filter = root.hasNonNull("filter") ? filter(root.get("filter"), "filter") : QueryFilter.matchAll();
        if (filter.predicateCount() > maxPredicates) {
            throw GenesysErrors.badRequest(TOO_LARGE + " the filter has " + filter.predicateCount()
                    + " predicates; the maximum is " + maxPredicates + ".");
        }
        List<Metric> metrics = metrics(root.get("metrics"));
        return new AggregateQuery(interval[0], interval[1], granularity, zone, groupBy, filter, metrics);
    }

    private JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw GenesysErrors.badRequest("The request body is empty; an aggregation query is required");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw GenesysErrors.badRequest("Unable to parse the request body as JSON at line "
                    + malformed.getLocation().getLineNr() + ", column " + malformed.getLocation().getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw GenesysErrors.badRequest("The request body must be a JSON object");
        }
        return root;
    }

    private static Instant[] interval(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw GenesysErrors.invalidDate("interval is required: an ISO-8601 'start/end' such as "
                    + "2025-01-27T08:00:00.000Z/2025-01-27T10:00:00.000Z");
        }
        String[] parts = node.asText().split("/", -1);
        if (parts.length != 2) {
            throw GenesysErrors.invalidDate("interval '" + node.asText() + "' must be 'start/end'");
        }
        Instant start = instant(parts[0], node.asText());
        Instant end = instant(parts[1], node.asText());
        if (!end.isAfter(start)) {
            throw GenesysErrors.invalidDate("interval '" + node.asText() + "' ends before it starts");
        }
        if (Duration.between(start, end).compareTo(MAX_INTERVAL) > 0) {
            throw GenesysErrors.invalidValue("interval '" + node.asText() + "' is longer than " + MAX_INTERVAL.toDays() + " days");
        }
        return new Instant[] {start, end};
    }

    private static Instant instant(String text, String interval) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException invalid) {
            throw GenesysErrors.invalidDate("interval '" + interval + "': '" + text
                    + "' is not an ISO-8601 date-time with a zone (e.g. 2025-01-27T08:00:00.000Z)");
        }
    }

    private static Duration granularity(JsonNode node, Instant start, Instant end) {
        Duration length = Duration.between(start, end);
        if (node == null || node.isNull()) {
            return length;
        }
        Duration granularity;
        try {
            granularity = Duration.parse(node.asText());
        } catch (DateTimeParseException invalid) {
            throw GenesysErrors.invalidValue("granularity '" + node.asText()
                    + "' is not an ISO-8601 duration such as PT15M, PT30M, PT1H or P1D");
        }
        if (granularity.toMillis() < 60_000) {
            throw GenesysErrors.invalidValue("granularity '" + node.asText() + "' must be at least one minute");
        }
        if (length.toMillis() % granularity.toMillis() != 0) {
            throw GenesysErrors.invalidValue("granularity '" + node.asText() + "' does not divide the interval evenly");
        }
        return granularity;
    }

    private static ZoneId timeZone(JsonNode node) {
        if (node == null || node.isNull()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(node.asText());
        } catch (DateTimeException invalid) {
            throw GenesysErrors.invalidValue("timeZone '" + node.asText() + "' is not a valid time zone id");
        }
    }

    private static List<String> groupBy(JsonNode node) {
        List<String> groupBy = new ArrayList<>();
        for (JsonNode item : PredicateParser.array(node, "groupBy")) {
            if (!item.isTextual() || !GROUP_BY_DIMENSIONS.contains(item.asText())) {
                throw GenesysErrors.invalidValue("groupBy '" + item + "' is not supported; use " + GROUP_BY_DIMENSIONS);
            }
            groupBy.add(item.asText());
        }
        return groupBy;
    }

    private static QueryFilter filter(JsonNode node, String path) {
        if (!node.isObject()) {
            throw GenesysErrors.badRequest(path + " must be an object");
        }
        QueryFilter.Type type = switch (node.path("type").asText("")) {
            case "and" -> QueryFilter.Type.AND;
            case "or" -> QueryFilter.Type.OR;
            default -> throw GenesysErrors.invalidValue(path + ".type must be 'and' or 'or', got " + node.get("type"));
        };
        List<QueryFilter> clauses = new ArrayList<>();
        int index = 0;
        for (JsonNode clause : PredicateParser.array(node.get("clauses"), path + ".clauses")) {
            clauses.add(filter(clause, path + ".clauses[" + index++ + "]"));
        }
        List<DimensionPredicate> predicates = new ArrayList<>();
        index = 0;
        for (JsonNode predicate : PredicateParser.array(node.get("predicates"), path + ".predicates")) {
            predicates.add(PredicateParser.predicate(predicate, path + ".predicates[" + index++ + "]", GROUP_BY_DIMENSIONS));
        }
        if (clauses.isEmpty() && predicates.isEmpty()) {
            throw GenesysErrors.badRequest(path + " must contain at least one clause or predicate");
        }
        return new QueryFilter(type, clauses, predicates);
    }

    private static List<Metric> metrics(JsonNode node) {
        List<JsonNode> items = PredicateParser.array(node, "metrics");
        if (items.isEmpty()) {
            throw GenesysErrors.badRequest("metrics is required: at least one metric name");
        }
        List<Metric> metrics = new ArrayList<>();
        for (JsonNode item : items) {
            String name = item.asText();
            if (item.isTextual() && Metric.isObservationName(name)) {
                throw GenesysErrors.invalidValue("metrics: '" + name + "' is an observation metric (queue observation "
                        + "query), not a conversation aggregate metric");
            }
            if (!item.isTextual() || !Metric.isValidGenesysName(name)) {
                throw GenesysErrors.invalidValue("metrics: '" + item + "' is not a conversation aggregate metric");
            }
            Metric.fromWireName(name).filter(m -> !metrics.contains(m)).ifPresent(metrics::add);
        }
        return metrics;
    }
}
