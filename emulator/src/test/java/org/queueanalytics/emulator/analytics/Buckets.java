package org.queueanalytics.emulator.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an aggregates answer into flat buckets for assertions. */
record Buckets(List<Bucket> all) {

    record Bucket(String queueId, String mediaType, String interval, Map<String, JsonNode> metrics) {
        long count(String metric) {
            JsonNode stats = metrics.get(metric);
            return stats == null ? 0 : stats.path("count").asLong();
        }

        long sum(String metric) {
            JsonNode stats = metrics.get(metric);
            return stats == null ? 0 : stats.path("sum").asLong();
        }

        String key() {
            return queueId + "|" + mediaType + "|" + interval;
        }
    }

    static Buckets of(JsonNode answer) {
        List<Bucket> buckets = new ArrayList<>();
        answer.path("results").forEach(result -> result.get("data").forEach(data -> {
            Map<String, JsonNode> metrics = new LinkedHashMap<>();
            data.get("metrics").forEach(m -> metrics.put(m.get("metric").asText(), m.get("stats")));
            buckets.add(new Bucket(result.at("/group/queueId").asText(), result.at("/group/mediaType").asText(),
                    data.get("interval").asText(), metrics));
        }));
        return new Buckets(buckets);
    }

    Map<String, Bucket> byKey() {
        Map<String, Bucket> map = new LinkedHashMap<>();
        all.forEach(b -> map.put(b.key(), b));
        return map;
    }

    long total(String metric) {
        return all.stream().mapToLong(b -> b.count(metric)).sum();
    }
}
