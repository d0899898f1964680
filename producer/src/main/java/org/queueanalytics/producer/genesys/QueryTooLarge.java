package org.queueanalytics.producer.genesys;

import java.util.Locale;
import java.util.Set;

/**
 * Whether Genesys refused a request because it is too large: the one refusal that a smaller query
 * (fewer queues) can fix, and so the only one on which {@link AggregatesClient} splits a batch. Used
 * by {@link HttpErrorClassifier} when it classifies a 4xx; nothing else decides it.
 *
 * <p>HTTP 413 always means too large. A 400 means too large only when its error body says so. The
 * body's {@code code} is the proper signal, but the code Genesys Cloud uses for an over-long
 * analytics query (e.g. a filter beyond 100 predicates) is not documented and not confirmed, and
 * it may well be the generic {@code bad.request}. So the {@code message} is consulted as well: it
 * counts when it contains "too large" (case-insensitive), as our emulator's "The query is too large:
 * the filter has N predicates; the maximum is 100." does. Every other 400 is a malformed or invalid
 * query, which splitting cannot fix.
 */
final class QueryTooLarge {
    /** Error codes that name a too-large request outright. */
    static final Set<String> CODES = Set.of("request.entity.too.large", "query.too.large", "payload.too.large");
    private static final String MESSAGE_MARK = "too large";

    private QueryTooLarge() {
    }

    static boolean refusedAsTooLarge(int status, ErrorBody error) {
        if (status == 413) {
            return true;
        }
        if (status != 400) {
            return false;
        }
        return CODES.contains(error.code().toLowerCase(Locale.ROOT))
                || error.message().toLowerCase(Locale.ROOT).contains(MESSAGE_MARK);
    }
}
