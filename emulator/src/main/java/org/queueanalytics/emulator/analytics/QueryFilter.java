package org.queueanalytics.emulator.analytics;

import java.util.List;
import java.util.Map;

/**
 * A Genesys query filter: {@code type} "and"/"or" over nested {@code clauses} and
 * {@code predicates}. A filter without any clause or predicate matches everything.
 */
public record QueryFilter(Type type, List<QueryFilter> clauses, List<DimensionPredicate> predicates) {

    public enum Type { AND, OR }

    public QueryFilter {
        clauses = List.copyOf(clauses);
        predicates = List.copyOf(predicates);
    }

    public static QueryFilter matchAll() {
        return new QueryFilter(Type.AND, List.of(), List.of());
    }

    public boolean matches(Map<String, String> dimensions) {
        if (clauses.isEmpty() && predicates.isEmpty()) {
            return true;
        }
        if (type == Type.AND) {
            return clauses.stream().allMatch(c -> c.matches(dimensions))
                    && predicates.stream().allMatch(p -> p.matches(dimensions));
        }
        return clauses.stream().anyMatch(c -> c.matches(dimensions))
                || predicates.stream().anyMatch(p -> p.matches(dimensions));
    }

    /** Predicates in this filter and every nested clause. */
    public int predicateCount() {
        return predicates.size() + clauses.stream().mapToInt(QueryFilter::predicateCount).sum();
    }
}
