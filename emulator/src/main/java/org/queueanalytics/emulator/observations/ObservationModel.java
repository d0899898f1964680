package org.queueanalytics.emulator.observations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.queueanalytics.emulator.analytics.ContactSource;
import org.queueanalytics.emulator.analytics.QueryFilter;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.QueueCatalog;

/**
 * The live state of the queues at an instant {@code t}, computed from the same contacts as the aggregates
 * ({@link LiveConversations} for the conversation metrics, {@link UserCounts} for the user metrics). Observations
 * are live: no ingestion delay applies (the aggregates' delay models analytics ingestion, which the observation
 * service does not wait for).
 *
 * <p>What is answered:
 * <ul>
 *   <li>only queues that exist now: deleted queues have no live state; unknown queue ids match nothing;</li>
 *   <li>a conversation group per (queue, media type the queue handles) that the filter matches, with every
 *       requested conversation metric, count 0 included (Genesys sends zeros too). {@code oFlow} is always 0: the
 *       emulator models no IVR or flow in front of the queues;</li>
 *   <li>a user group per queue the filter matches for at least one of its media types, with every requested user
 *       metric. Agents are not of a media type, so the user counts do not depend on a media-type filter: their
 *       busy agents come from the conversations of all the queue's media types;</li>
 *   <li>qualifiers: {@code oOnQueueUsers} IDLE, INTERACTING; {@code oUserRoutingStatuses} IDLE, INTERACTING,
 *       OFF_QUEUE (together: the logged-in agents); {@code oUserPresences} {@link UserQualifiers#PRESENCE_ON_QUEUE},
 *       {@link UserQualifiers#PRESENCE_AVAILABLE}; the other user metrics have none.</li>
 * </ul>
 * Thread-safe: holds only immutable state.
 */
public final class ObservationModel {
    private final QueueCatalog catalog;
    private final ContactSource source;

    public ObservationModel(QueueCatalog catalog, ContactSource source) {
        this.catalog = catalog;
        this.source = source;
    }

    /** Every supported metric of every existing queue and media type at {@code at}. */
    public QueueObservations observeAll(Instant at) {
        return observe(ObservationQuery.everything(), at);
    }

    public QueueObservations observe(ObservationQuery query, Instant at) {
        List<ObservationMetric> conversationMetrics = query.metrics().stream().filter(ObservationMetric::perMediaType).toList();
        List<ObservationMetric> userMetrics = query.metrics().stream().filter(m -> !m.perMediaType()).toList();
        List<ObservationGroup> groups = new ArrayList<>();
        for (EmulatedQueue queue : catalog.visible()) {
            List<MediaType> matched = queue.mediaTypes().stream().filter(m -> matches(query.filter(), queue, m)).toList();
            if (matched.isEmpty()) {
                continue;
            }
            Map<MediaType, LiveConversations> live = new EnumMap<>(MediaType.class);
            if (!conversationMetrics.isEmpty()) {
                for (MediaType media : matched) {
                    groups.add(new ObservationGroup(queue.idString(), media.wireName(),
                            conversationValues(conversationMetrics, live(queue, media, at, live))));
                }
            }
            if (!userMetrics.isEmpty()) {
                int withAgent = 0;
                for (MediaType media : queue.mediaTypes()) {
                    withAgent += live(queue, media, at, live).withAgent();
                }
                groups.add(new ObservationGroup(queue.idString(), null,
                        userValues(userMetrics, UserCounts.of(queue, at, withAgent))));
            }
        }
        return new QueueObservations(at, groups);
    }

    private static boolean matches(QueryFilter filter, EmulatedQueue queue, MediaType media) {
        return filter.matches(Map.of(ObservationQuery.QUEUE_ID, queue.idString(), ObservationQuery.MEDIA_TYPE, media.wireName()));
    }

    /** The contacts of (queue, media) in progress at {@code at}, computed once per observation. */
    private LiveConversations live(EmulatedQueue queue, MediaType media, Instant at, Map<MediaType, LiveConversations> cache) {
        return cache.computeIfAbsent(media, m -> {
            LiveConversations live = new LiveConversations(at.toEpochMilli());
            // [at, at + 1 ms): the source passes every contact that may be in progress then, however long ago it began
            source.forEachContact(queue, m, at, at.plusMillis(1), live);
            return live;
        });
    }

    private static List<ObservationValue> conversationValues(List<ObservationMetric> metrics, LiveConversations live) {
        List<ObservationValue> values = new ArrayList<>();
        for (ObservationMetric metric : metrics) {
            values.add(switch (metric) {
                case O_WAITING -> ObservationValue.of(metric, live.waiting());
                case O_ALERTING -> ObservationValue.of(metric, live.alerting());
                case O_INTERACTING -> ObservationValue.of(metric, live.interacting());
                case O_LONGEST_WAITING -> new ObservationValue(metric, null, live.waiting(), live.oldestWaitStartMs());
                case O_LONGEST_INTERACTING ->
                        new ObservationValue(metric, null, live.interacting(), live.oldestInteractionStartMs());
                case O_FLOW -> ObservationValue.of(metric, 0);
                default -> throw new IllegalArgumentException(metric + " is not a conversation metric");
            });
        }
        return values;
    }

    private static List<ObservationValue> userValues(List<ObservationMetric> metrics, UserCounts users) {
        List<ObservationValue> values = new ArrayList<>();
        for (ObservationMetric metric : metrics) {
            switch (metric) {
                case O_MEMBER_USERS -> values.add(ObservationValue.of(metric, users.members()));
                case O_ACTIVE_USERS -> values.add(ObservationValue.of(metric, users.loggedIn()));
                case O_OFF_QUEUE_USERS -> values.add(ObservationValue.of(metric, users.offQueue()));
                case O_ON_QUEUE_USERS -> {
                    values.add(ObservationValue.qualified(metric, UserQualifiers.IDLE, users.idle()));
                    values.add(ObservationValue.qualified(metric, UserQualifiers.INTERACTING, users.interacting()));
                }
                case O_USER_ROUTING_STATUSES -> {
                    values.add(ObservationValue.qualified(metric, UserQualifiers.IDLE, users.idle()));
                    values.add(ObservationValue.qualified(metric, UserQualifiers.INTERACTING, users.interacting()));
                    values.add(ObservationValue.qualified(metric, UserQualifiers.OFF_QUEUE, users.offQueue()));
                }
                case O_USER_PRESENCES -> {
                    values.add(ObservationValue.qualified(metric, UserQualifiers.PRESENCE_ON_QUEUE, users.onQueue()));
                    values.add(ObservationValue.qualified(metric, UserQualifiers.PRESENCE_AVAILABLE, users.offQueue()));
                }
                default -> throw new IllegalArgumentException(metric + " is not a user metric");
            }
        }
        return values;
    }
}
