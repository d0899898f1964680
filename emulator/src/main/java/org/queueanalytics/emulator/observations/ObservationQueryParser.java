package org.queueanalytics.emulator.observations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.queueanalytics.emulator.analytics.AggregateQueryParser;
import org.queueanalytics.emulator.analytics.DimensionPredicate;
import org.queueanalytics.emulator.analytics.Metric;
import org.queueanalytics.emulator.analytics.PredicateParser;
import org.queueanalytics.emulator.analytics.QueryFilter;
import org.queueanalytics.emulator.errors.GenesysErrors;

/**
 * Validates a {@code QueueObservationQuery} body the way the API does and turns it into an
 * {@link ObservationQuery}; every rejection is a 400 Genesys error body naming the field.
 *
 * <ul>
 *   <li>{@code filter} is required: {@code type} "and"/"or", {@code predicates} and/or {@code clauses}; a clause
 *       holds predicates only (the SDK's {@code QueueObservationQueryClause} has no clauses of its own);</li>
 *   <li>predicates: {@code type} "dimension" (the default), {@code dimension} {@code queueId} or {@code mediaType},
 *       {@code operator} "matches" (the default), "exists" or "notExists", {@code value} required for "matches";
 *       a queue id nobody knows is not an error (it matches nothing), a media type must be a Genesys one;</li>
 *   <li>at most {@code maxQueuePredicates} {@code queueId} predicates (media-type ones do not count): beyond, a 400
 *       whose message starts {@link AggregateQueryParser#TOO_LARGE}, so a client can split as it does for
 *       aggregates;</li>
 *   <li>{@code metrics} is required (the SDK marks it required) and non-empty: each a queue observation metric;
 *       an aggregate metric such as {@code nOffered} gets a 400 saying which query it belongs to; duplicates are
 *       answered once;</li>
 *   <li>{@code detailMetrics} (per-conversation detail) is validated like {@code metrics} and otherwise ignored:
 *       the emulator answers no detail.</li>
 * </ul>
 * Unknown top-level fields are accepted, as the SDK's bodies may carry more than the emulator reads.
 */
public final class ObservationQueryParser {
    private static final Set<String> DIMENSIONS = Set.of(ObservationQuery.QUEUE_ID, ObservationQuery.MEDIA_TYPE);

    private final ObjectMapper json;
    private final int maxQueuePredicates;

    public ObservationQueryParser(ObjectMapper json, int maxQueuePredicates) {
        if (maxQueuePredicates < 1) {
            throw new IllegalArgumentException("maxQueuePredicates must be ≥ 1, got " + maxQueuePredicates);
        }
        this.json = json;
        this.maxQueuePredicates = maxQueuePredicates;
    }

    public ObservationQuery parse(String body) {
        JsonNode root = readObject(body);
        JsonNode filterNode = root.get("filter");
        if (filterNode == null || filterNode.isNull()) {
            throw GenesysErrors.badRequest("filter is required: a filter on queueId (and optionally mediaType)");
        }
        QueryFilter filter = filter(filterNode);
        long queuePredicates = queuePredicates(filter);
        if (queuePredicates > maxQueuePredicates) {
            throw GenesysErrors.badRequest(AggregateQueryParser.TOO_LARGE + " the filter has " + queuePredicates
                    + " queueId predicates; the maximum is " + maxQueuePredicates + ".");
        }
        List<ObservationMetric> metrics = metrics(root.get("metrics"), "metrics");
        if (metrics.isEmpty()) {
            throw GenesysErrors.badRequest("metrics is required: at least one queue observation metric ("
                    + String.join(", ", ObservationMetric.wireNames()) + ")");
        }
        metrics(root.get("detailMetrics"), "detailMetrics");
        return new ObservationQuery(filter, metrics);
    }

    private JsonNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw GenesysErrors.badRequest("The request body is empty; a queue observation query is required");
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

    private static QueryFilter filter(JsonNode node) {
        String path = "filter";
        QueryFilter.Type type = type(node, path);
        List<QueryFilter> clauses = new ArrayList<>();
        int index = 0;
        for (JsonNode clause : PredicateParser.array(node.get("clauses"), path + ".clauses")) {
            clauses.add(clause(clause, path + ".clauses[" + index++ + "]"));
        }
        List<DimensionPredicate> predicates = predicates(node, path);
        if (clauses.isEmpty() && predicates.isEmpty()) {
            throw GenesysErrors.badRequest(path + " must contain at least one clause or predicate");
        }
        return new QueryFilter(type, clauses, predicates);
    }

    private static QueryFilter clause(JsonNode node, String path) {
        QueryFilter.Type type = type(node, path);
        JsonNode nested = node.get("clauses");
        if (nested != null && !nested.isNull() && !(nested.isArray() && nested.isEmpty())) {
            throw GenesysErrors.badRequest(path + ".clauses: a clause holds predicates only (one level of nesting)");
        }
        List<DimensionPredicate> predicates = predicates(node, path);
        if (predicates.isEmpty()) {
            throw GenesysErrors.badRequest(path + " must contain at least one predicate");
        }
        return new QueryFilter(type, List.of(), predicates);
    }

    private static QueryFilter.Type type(JsonNode node, String path) {
        if (!node.isObject()) {
            throw GenesysErrors.badRequest(path + " must be an object");
        }
        return switch (node.path("type").asText("")) {
            case "and" -> QueryFilter.Type.AND;
            case "or" -> QueryFilter.Type.OR;
            default -> throw GenesysErrors.invalidValue(path + ".type must be 'and' or 'or', got " + node.get("type"));
        };
    }

    private static List<DimensionPredicate> predicates(JsonNode node, String path) {
        List<DimensionPredicate> predicates = new ArrayList<>();
        int index = 0;
        for (JsonNode predicate : PredicateParser.array(node.get("predicates"), path + ".predicates")) {
            predicates.add(PredicateParser.predicate(predicate, path + ".predicates[" + index++ + "]", DIMENSIONS));
        }
        return predicates;
    }

    private static long queuePredicates(QueryFilter filter) {
        return filter.predicates().stream().filter(p -> ObservationQuery.QUEUE_ID.equals(p.dimension())).count()
                + filter.clauses().stream().mapToLong(ObservationQueryParser::queuePredicates).sum();
    }

    private static List<ObservationMetric> metrics(JsonNode node, String path) {
        List<ObservationMetric> metrics = new ArrayList<>();
        for (JsonNode item : PredicateParser.array(node, path)) {
            String name = item.asText();
            if (item.isTextual() && Metric.isValidGenesysName(name)) {
                throw GenesysErrors.invalidValue(path + ": '" + name + "' is a conversation aggregate metric "
                        + "(conversation aggregates query), not a queue observation metric");
            }
            ObservationMetric metric = item.isTextual() ? ObservationMetric.fromWireName(name).orElse(null) : null;
            if (metric == null) {
                throw GenesysErrors.invalidValue(path + ": '" + (item.isTextual() ? name : item) + "' is not a queue "
                        + "observation metric; use one of "
                        + ObservationMetric.wireNames());
            }
            if (!metrics.contains(metric)) {
                metrics.add(metric);
            }
        }
        return metrics;
    }
}
