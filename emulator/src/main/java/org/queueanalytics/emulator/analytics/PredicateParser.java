package org.queueanalytics.emulator.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.queueanalytics.emulator.errors.GenesysErrors;
import org.queueanalytics.emulator.queues.MediaType;

/**
 * The pieces of a query body both analytics queries read alike: a dimension predicate
 * ({@code {"type":"dimension","dimension":…,"operator":…,"value":…}}) and an optional JSON array. Each
 * problem is a Genesys-style 400 naming the field by its path.
 */
public final class PredicateParser {
    private static final Set<String> OPERATORS = Set.of(
            DimensionPredicate.MATCHES, DimensionPredicate.EXISTS, DimensionPredicate.NOT_EXISTS);

    private PredicateParser() {
    }

    /** One predicate at {@code path}, on one of {@code dimensions}; a {@code mediaType} value must be a media type. */
    public static DimensionPredicate predicate(JsonNode node, String path, Set<String> dimensions) {
        if (!node.isObject()) {
            throw GenesysErrors.badRequest(path + " must be an object");
        }
        String type = node.path("type").asText("dimension");
        if (!"dimension".equals(type)) {
            throw GenesysErrors.invalidValue(path + ".type '" + type + "' is not supported by the emulator; use 'dimension'");
        }
        String dimension = node.path("dimension").asText(null);
        if (dimension == null || !dimensions.contains(dimension)) {
            throw GenesysErrors.invalidValue(path + ".dimension '" + dimension + "' is not supported; use " + dimensions);
        }
        String operator = node.path("operator").asText(DimensionPredicate.MATCHES);
        if (!OPERATORS.contains(operator)) {
            throw GenesysErrors.invalidValue(path + ".operator '" + operator + "' must be one of " + OPERATORS);
        }
        JsonNode value = node.get("value");
        if (DimensionPredicate.MATCHES.equals(operator) && (value == null || !value.isTextual() || value.asText().isEmpty())) {
            throw GenesysErrors.invalidValue(path + ".value is required for operator 'matches'");
        }
        if (AggregateQuery.MEDIA_TYPE.equals(dimension) && value != null && !MediaType.GENESYS_NAMES.contains(value.asText())) {
            throw GenesysErrors.invalidValue(path + ".value '" + value.asText() + "' is not a media type");
        }
        return new DimensionPredicate(dimension, operator, value == null ? null : value.asText());
    }

    /** The items of the array at {@code path}; none when it is absent or null. */
    public static List<JsonNode> array(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw GenesysErrors.badRequest(path + " must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }
}
