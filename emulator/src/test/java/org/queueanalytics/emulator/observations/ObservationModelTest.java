package org.queueanalytics.emulator.observations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.analytics.Contact;
import org.queueanalytics.emulator.analytics.ContactSource;
import org.queueanalytics.emulator.analytics.DimensionPredicate;
import org.queueanalytics.emulator.analytics.QueryFilter;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.QueueCatalog;

/** The model over hand-built contacts at Monday 2025-01-27 10:00:00 UTC (hour weight 1.0). */
class ObservationModelTest {
    static final Instant T = Instant.parse("2025-01-27T10:00:00Z");
    static final EmulatedQueue A = queue("a", List.of(MediaType.VOICE, MediaType.CHAT, MediaType.EMAIL), false, 1.0);
    static final EmulatedQueue B = queue("b", List.of(MediaType.VOICE), false, 0.2);
    static final EmulatedQueue DELETED = queue("d", List.of(MediaType.VOICE), true, 1.0);
    static final Instant EMAIL_OFFERED = Instant.parse("2025-01-25T08:00:00Z");

    /** A voice at 10:00: three waiting (one of them ringing), one interacting, one in wrap-up. */
    static final Map<String, List<Contact>> CONTACTS = Map.of(
            key(A, MediaType.VOICE), List.of(
                    Contact.answered(1, at("09:59:00"), 90_000, 6_000, 300_000, 0, 30_000),
                    Contact.unanswered(2, at("09:59:30"), Contact.Outcome.ABANDONED, 60_000),
                    Contact.answered(3, at("09:59:40"), 25_000, 6_000, 300_000, 0, 30_000),     // rings 09:59:59–10:00:05
                    Contact.answered(4, at("09:50:00"), 20_000, 5_000, 600_000, 60_000, 60_000), // talks 09:50:20–10:01:20
                    Contact.answered(5, at("09:40:00"), 10_000, 5_000, 300_000, 0, 900_000)),    // wrap-up until 10:00:10
            key(A, MediaType.EMAIL), List.of(
                    // waits three days: offered more than two days before T
                    Contact.answered(6, EMAIL_OFFERED, 3 * 86_400_000L, 5_000, 60_000, 0, 30_000),
                    new Contact(7, at("09:58:00"), Contact.Direction.OUTBOUND, Contact.Outcome.ANSWERED, 0, 0, 0, 240_000,
                            0, 30_000, Contact.Transfer.NONE, false, 0)),
            key(B, MediaType.VOICE), List.of(Contact.answered(8, at("09:55:00"), 10_000, 3_000, 600_000, 0, 30_000)),
            key(DELETED, MediaType.VOICE), List.of(Contact.unanswered(9, at("09:59:00"), Contact.Outcome.ABANDONED, 90_000)));

    static final ContactSource SOURCE = (queue, media, from, to, action) ->
            CONTACTS.getOrDefault(key(queue, media), List.of()).forEach(action);

    private final ObservationModel model = new ObservationModel(QueueCatalog.of(List.of(A, B, DELETED)), SOURCE);

    static EmulatedQueue queue(String name, List<MediaType> media, boolean deleted, double volume) {
        return new EmulatedQueue(UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "Queue " + name,
                media, deleted, volume);
    }

    static String key(EmulatedQueue queue, MediaType media) {
        return queue.idString() + "/" + media.wireName();
    }

    static Instant at(String time) {
        return Instant.parse("2025-01-27T" + time + "Z");
    }

    private static QueryFilter queues(EmulatedQueue... queues) {
        return new QueryFilter(QueryFilter.Type.OR, List.of(), List.of(queues).stream()
                .map(q -> new DimensionPredicate(ObservationQuery.QUEUE_ID, DimensionPredicate.MATCHES, q.idString())).toList());
    }

    private static QueryFilter and(QueryFilter... clauses) {
        return new QueryFilter(QueryFilter.Type.AND, List.of(clauses), List.of());
    }

    private static QueryFilter media(String media) {
        return new QueryFilter(QueryFilter.Type.OR, List.of(),
                List.of(new DimensionPredicate(ObservationQuery.MEDIA_TYPE, DimensionPredicate.MATCHES, media)));
    }

    private QueueObservations observe(QueryFilter filter, ObservationMetric... metrics) {
        return model.observe(new ObservationQuery(filter, List.of(metrics)), T);
    }

    private static ObservationRow row(EmulatedQueue queue, String media, String metric, String qualifier, long count, Long value) {
        return new ObservationRow(queue.idString(), media, metric, qualifier, count, value);
    }

    @Test
    void conversationMetricsPerQueueAndMediaTypeWithZerosAndTheOldestStarts() {
        QueueObservations observed = observe(queues(A), ObservationMetric.O_WAITING, ObservationMetric.O_ALERTING,
                ObservationMetric.O_INTERACTING, ObservationMetric.O_LONGEST_WAITING, ObservationMetric.O_LONGEST_INTERACTING,
                ObservationMetric.O_FLOW);

        assertThat(observed.at()).isEqualTo(T);
        assertThat(observed.rows()).containsExactly(
                row(A, "voice", "oWaiting", "", 3, null),
                row(A, "voice", "oAlerting", "", 1, null),
                row(A, "voice", "oInteracting", "", 1, null),
                row(A, "voice", "oLongestWaiting", "", 3, at("09:59:00").toEpochMilli()),
                row(A, "voice", "oLongestInteracting", "", 1, at("09:50:20").toEpochMilli()),
                row(A, "voice", "oFlow", "", 0, null),
                row(A, "chat", "oWaiting", "", 0, null),
                row(A, "chat", "oAlerting", "", 0, null),
                row(A, "chat", "oInteracting", "", 0, null),
                row(A, "chat", "oLongestWaiting", "", 0, null),
                row(A, "chat", "oLongestInteracting", "", 0, null),
                row(A, "chat", "oFlow", "", 0, null),
                row(A, "email", "oWaiting", "", 1, null),
                row(A, "email", "oAlerting", "", 0, null),
                row(A, "email", "oInteracting", "", 1, null),
                row(A, "email", "oLongestWaiting", "", 1, EMAIL_OFFERED.toEpochMilli()),
                row(A, "email", "oLongestInteracting", "", 1, at("09:58:00").toEpochMilli()),
                row(A, "email", "oFlow", "", 0, null));
    }

    @Test
    void userMetricsPerQueueFromTheStaffingAndTheConversationsOfAllItsMediaTypes() {
        QueueObservations observed = observe(queues(A, B), ObservationMetric.O_ON_QUEUE_USERS,
                ObservationMetric.O_OFF_QUEUE_USERS, ObservationMetric.O_ACTIVE_USERS, ObservationMetric.O_MEMBER_USERS,
                ObservationMetric.O_USER_ROUTING_STATUSES, ObservationMetric.O_USER_PRESENCES);

        // A: 20 members, 16 logged in, 13 on queue; busy = voice (1 ringing + 1 talking) + email (1 outbound) = 3
        // B: 8 members, round(8 × 0.8) = 6 logged in, 5 on queue; busy = 1
        assertThat(observed.rows()).containsExactly(
                row(A, "", "oOnQueueUsers", "IDLE", 10, null),
                row(A, "", "oOnQueueUsers", "INTERACTING", 3, null),
                row(A, "", "oOffQueueUsers", "", 3, null),
                row(A, "", "oActiveUsers", "", 16, null),
                row(A, "", "oMemberUsers", "", 20, null),
                row(A, "", "oUserRoutingStatuses", "IDLE", 10, null),
                row(A, "", "oUserRoutingStatuses", "INTERACTING", 3, null),
                row(A, "", "oUserRoutingStatuses", "OFF_QUEUE", 3, null),
                row(A, "", "oUserPresences", UserQualifiers.PRESENCE_ON_QUEUE, 13, null),
                row(A, "", "oUserPresences", UserQualifiers.PRESENCE_AVAILABLE, 3, null),
                row(B, "", "oOnQueueUsers", "IDLE", 4, null),
                row(B, "", "oOnQueueUsers", "INTERACTING", 1, null),
                row(B, "", "oOffQueueUsers", "", 1, null),
                row(B, "", "oActiveUsers", "", 6, null),
                row(B, "", "oMemberUsers", "", 8, null),
                row(B, "", "oUserRoutingStatuses", "IDLE", 4, null),
                row(B, "", "oUserRoutingStatuses", "INTERACTING", 1, null),
                row(B, "", "oUserRoutingStatuses", "OFF_QUEUE", 1, null),
                row(B, "", "oUserPresences", UserQualifiers.PRESENCE_ON_QUEUE, 5, null),
                row(B, "", "oUserPresences", UserQualifiers.PRESENCE_AVAILABLE, 1, null));
    }

    @Test
    void groupsComeQueueByQueueMediaTypesFirstThenUsers() {
        QueueObservations observed = observe(queues(A, B), ObservationMetric.O_MEMBER_USERS, ObservationMetric.O_WAITING);

        assertThat(observed.groups()).extracting(ObservationGroup::queueId, ObservationGroup::mediaType).containsExactly(
                org.assertj.core.groups.Tuple.tuple(A.idString(), "voice"),
                org.assertj.core.groups.Tuple.tuple(A.idString(), "chat"),
                org.assertj.core.groups.Tuple.tuple(A.idString(), "email"),
                org.assertj.core.groups.Tuple.tuple(A.idString(), null),
                org.assertj.core.groups.Tuple.tuple(B.idString(), "voice"),
                org.assertj.core.groups.Tuple.tuple(B.idString(), null));
        assertThat(observed.groups().get(0).data()).extracting(ObservationValue::metric)
                .containsExactly(ObservationMetric.O_WAITING);
    }

    @Test
    void aMediaTypeFilterNarrowsTheConversationGroupsButNotTheAgents() {
        QueueObservations observed = observe(and(queues(A, B), media("voice")), ObservationMetric.O_WAITING,
                ObservationMetric.O_ON_QUEUE_USERS);

        assertThat(observed.groups()).extracting(ObservationGroup::mediaType).containsExactly("voice", null, "voice", null);
        assertThat(observed.count(A.idString(), null, ObservationMetric.O_ON_QUEUE_USERS, "INTERACTING")).isEqualTo(3);
    }

    @Test
    void aMediaTypeTheQueueDoesNotHandleGivesNothing() {
        assertThat(observe(and(queues(B), media("chat")), ObservationMetric.O_WAITING, ObservationMetric.O_MEMBER_USERS)
                .groups()).isEmpty();
    }

    @Test
    void deletedAndUnknownQueuesGiveNothing() {
        QueryFilter unknown = new QueryFilter(QueryFilter.Type.OR, List.of(), List.of(new DimensionPredicate(
                ObservationQuery.QUEUE_ID, DimensionPredicate.MATCHES, "00000000-0000-4000-8000-000000000000")));

        assertThat(observe(queues(DELETED), ObservationMetric.O_WAITING, ObservationMetric.O_MEMBER_USERS).groups()).isEmpty();
        assertThat(observe(unknown, ObservationMetric.O_WAITING).groups()).isEmpty();
    }

    @Test
    void observeAllIsEveryMetricOfEveryExistingQueue() {
        QueueObservations all = model.observeAll(T);

        assertThat(all.groups()).extracting(ObservationGroup::queueId).doesNotContain(DELETED.idString());
        assertThat(all.groups()).hasSize(6);
        assertThat(all.find(A.idString(), "voice", ObservationMetric.O_LONGEST_WAITING, null))
                .hasValue(new ObservationValue(ObservationMetric.O_LONGEST_WAITING, null, 3, at("09:59:00").toEpochMilli()));
        assertThat(all.count(B.idString(), "", ObservationMetric.O_ACTIVE_USERS, "")).isEqualTo(6);
        assertThat(all.rows()).hasSize(3 * 6 + 6 + 2 * (2 + 1 + 1 + 1 + 3 + 2));
    }

    @Test
    void theStateMovesWithTheClock() {
        QueueObservations later = model.observe(new ObservationQuery(queues(A), List.of(ObservationMetric.O_WAITING,
                ObservationMetric.O_INTERACTING)), at("10:00:30"));

        // at 10:00:30 exactly 1 is answered and 2 abandons; 3 was answered at 10:00:05; 4 still talks
        assertThat(later.count(A.idString(), "voice", ObservationMetric.O_WAITING, null)).isZero();
        assertThat(later.count(A.idString(), "voice", ObservationMetric.O_INTERACTING, null)).isEqualTo(3);
    }
}
