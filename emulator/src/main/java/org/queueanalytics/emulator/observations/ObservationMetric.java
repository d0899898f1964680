package org.queueanalytics.emulator.observations;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics of Genesys's {@code QueueObservationQuery} the emulator answers. Conversation metrics are
 * observed per (queue, media type); user metrics per queue only, because an agent is a member of the queue,
 * not of one of its media types.
 */
public enum ObservationMetric {
    O_WAITING("oWaiting", Scope.CONVERSATION),
    O_INTERACTING("oInteracting", Scope.CONVERSATION),
    O_ALERTING("oAlerting", Scope.CONVERSATION),
    O_LONGEST_WAITING("oLongestWaiting", Scope.CONVERSATION),
    O_LONGEST_INTERACTING("oLongestInteracting", Scope.CONVERSATION),
    O_FLOW("oFlow", Scope.CONVERSATION),
    O_ON_QUEUE_USERS("oOnQueueUsers", Scope.USER),
    O_OFF_QUEUE_USERS("oOffQueueUsers", Scope.USER),
    O_ACTIVE_USERS("oActiveUsers", Scope.USER),
    O_MEMBER_USERS("oMemberUsers", Scope.USER),
    O_USER_ROUTING_STATUSES("oUserRoutingStatuses", Scope.USER),
    O_USER_PRESENCES("oUserPresences", Scope.USER);

    /** How a metric's result group is keyed. */
    public enum Scope {
        /** grouped by {@code queueId} and {@code mediaType} */
        CONVERSATION,
        /** grouped by {@code queueId} only */
        USER
    }

    private final String wireName;
    private final Scope scope;

    ObservationMetric(String wireName, Scope scope) {
        this.wireName = wireName;
        this.scope = scope;
    }

    public String wireName() {
        return wireName;
    }

    public Scope scope() {
        return scope;
    }

    public boolean perMediaType() {
        return scope == Scope.CONVERSATION;
    }

    public static Optional<ObservationMetric> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ObservationMetric::wireName).toList();
    }

    /** Every metric: what {@code GenesysEmulator.observationsAt} reports. */
    public static List<ObservationMetric> all() {
        return List.of(values());
    }
}
