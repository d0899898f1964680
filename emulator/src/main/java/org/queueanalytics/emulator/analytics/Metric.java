package org.queueanalytics.emulator.analytics;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The conversation-aggregate metrics the emulator produces, with their Genesys names and wire shapes. */
public enum Metric {
    N_OFFERED("nOffered"),
    N_OUTBOUND("nOutbound"),
    N_CONNECTED("nConnected"),
    T_ANSWERED("tAnswered"),
    T_ACD("tAcd"),
    T_ALERT("tAlert"),
    T_NOT_RESPONDING("tNotResponding"),
    T_ABANDON("tAbandon"),
    T_SHORT_ABANDON("tShortAbandon"),
    T_FLOW_OUT("tFlowOut"),
    T_VOICEMAIL("tVoicemail"),
    N_OVER_SLA("nOverSla"),
    O_SERVICE_LEVEL("oServiceLevel"),
    O_SERVICE_TARGET("oServiceTarget"),
    T_WAIT("tWait"),
    T_TALK_COMPLETE("tTalkComplete"),
    T_HELD_COMPLETE("tHeldComplete"),
    T_ACW("tAcw"),
    T_HANDLE("tHandle"),
    N_TRANSFERRED("nTransferred"),
    N_BLIND_TRANSFERRED("nBlindTransferred"),
    N_CONSULT("nConsult"),
    N_CONSULT_TRANSFERRED("nConsultTransferred"),
    N_ERROR("nError");

    /** The metric enum of the Genesys {@code ConversationAggregationQuery} (official SDKs). */
    public static final Set<String> AGGREGATE_NAMES = Set.of(
            "nBlindTransferred", "nBotInteractions", "nCobrowseSessions", "nConnected", "nConsult",
            "nConsultTransferred", "nConversations", "nError", "nOffered", "nOutbound", "nOutboundAbandoned",
            "nOutboundAttempted", "nOutboundConnected", "nOverSla", "nStateTransitionError", "nTransferred",
            "oAudioMessageCount", "oExternalAudioMessageCount", "oExternalMediaCount", "oMediaCount",
            "oMessageCount", "oMessageSegmentCount", "oMessageTurn", "oServiceLevel", "oServiceTarget",
            "tAbandon", "tAcd", "tActiveCallback", "tActiveCallbackComplete", "tAcw", "tAgentResponseTime",
            "tAgentVideoConnected", "tAlert", "tAnswered", "tAverageAgentResponseTime",
            "tAverageCustomerResponseTime", "tBarging", "tCoaching", "tCoachingComplete", "tConnected",
            "tContacting", "tDialing", "tFirstConnect", "tFirstDial", "tFirstEngagement", "tFirstResponse",
            "tFlowOut", "tHandle", "tHeld", "tHeldComplete", "tIvr", "tMonitoring", "tMonitoringComplete",
            "tNotResponding", "tPark", "tParkComplete", "tScreenMonitoring", "tShortAbandon", "tSnippetRecord",
            "tTalk", "tTalkComplete", "tUserResponseTime", "tVoicemail", "tWait");

    /**
     * Metrics of the queue/user <em>observation</em> query. Clients confuse them with aggregate
     * metrics, so they get a 400 that says which query they belong to.
     */
    public static final Set<String> OBSERVATION_NAMES = Set.of(
            "oActiveUsers", "oAlerting", "oInteracting", "oMemberUsers", "oOffQueueUsers", "oOnQueueUsers",
            "oUserPresences", "oUserRoutingStatuses", "oWaiting", "oLongestWaiting", "oLongestInteracting", "oFlow");

    /**
     * Valid aggregate metric names the emulator accepts in a query but never produces (they are
     * simply absent from answers, as metrics without a value are).
     */
    public static final Set<String> ACCEPTED_WITHOUT_DATA = AGGREGATE_NAMES.stream()
            .filter(name -> fromWireName(name).isEmpty())
            .collect(Collectors.toUnmodifiableSet());

    private final String wireName;

    Metric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** {@code n*}: rendered {@code {"count"}}. */
    public boolean isCount() {
        return wireName.startsWith("n");
    }

    /** {@code t*}: rendered {@code {"max","min","count","sum"}}. */
    public boolean isTimer() {
        return wireName.startsWith("t");
    }

    public static Optional<Metric> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    public static boolean isValidGenesysName(String name) {
        return AGGREGATE_NAMES.contains(name);
    }

    public static boolean isObservationName(String name) {
        return OBSERVATION_NAMES.contains(name);
    }
}
