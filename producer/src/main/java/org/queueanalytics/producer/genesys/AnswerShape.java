package org.queueanalytics.producer.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a parsed 2xx answer of an endpoint must look like to be read as data. Checked once, by
 * {@link GenesysHttpClient}, before anyone reads the answer; an answer of another shape is a
 * {@link GenesysMalformedResponseException}.
 */
enum AnswerShape {
    /** Any JSON object. */
    JSON_OBJECT {
        @Override
        Optional<String> problem(JsonNode answer) {
            return answer.isObject() ? Optional.empty() : Optional.of("it is not a JSON object");
        }
    },
    /**
     * An aggregates answer: {@code {"results":[…]}}, each result an object whose {@code data}
     * (when present) is an array — or exactly {@code {}}, Genesys' "no data in this range".
     */
    AGGREGATES {
        @Override
        Optional<String> problem(JsonNode answer) {
            if (!answer.isObject()) {
                return Optional.of("it is not a JSON object");
            }
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            JsonNode results = answer.get("results");
            if (results == null) {
                return Optional.of("it has no \"results\" (only {} means no data)");
            }
            if (!results.isArray()) {
                return Optional.of("\"results\" is not an array");
            }
            for (JsonNode result : results) {
                if (!result.isObject()) {
                    return Optional.of("a result group is not an object");
                }
                JsonNode data = result.get("data");
                if (data != null && !data.isArray()) {
                    return Optional.of("a result group's \"data\" is not an array");
                }
            }
            return Optional.empty();
        }
    },
    /**
     * A queue observations answer: {@code {"results":[…]}}, each result an object with a
     * {@code group} object and (when present) a {@code data} array — or {@code {}}, nothing to
     * report. What each group and data entry holds is the mapper's to check.
     */
    OBSERVATIONS {
        @Override
        Optional<String> problem(JsonNode answer) {
            Optional<String> aggregatesLike = AGGREGATES.problem(answer);
            if (aggregatesLike.isPresent() || answer.isEmpty()) {
                return aggregatesLike;
            }
            for (JsonNode result : answer.get("results")) {
                if (!result.path("group").isObject()) {
                    return Optional.of("a result has no \"group\" object");
                }
            }
            return Optional.empty();
        }
    },
    /** A routing queues page: an {@code entities} array and a numeric {@code pageCount}. */
    QUEUE_PAGE {
        @Override
        Optional<String> problem(JsonNode answer) {
            if (!answer.isObject()) {
                return Optional.of("it is not a JSON object");
            }
            JsonNode entities = answer.get("entities");
            if (entities == null || !entities.isArray()) {
                return Optional.of(entities == null ? "it has no \"entities\"" : "\"entities\" is not an array");
            }
            JsonNode pageCount = answer.get("pageCount");
            if (pageCount == null || !pageCount.isIntegralNumber()) {
                return Optional.of(pageCount == null ? "it has no \"pageCount\"" : "\"pageCount\" is not a whole number");
            }
            return Optional.empty();
        }
    };

    /** Why {@code answer} is not of this shape, or empty when it is. */
    abstract Optional<String> problem(JsonNode answer);
}
