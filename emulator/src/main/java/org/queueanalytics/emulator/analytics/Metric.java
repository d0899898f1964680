package org.queueanalytics.emulator.analytics;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The conversation-aggregate metrics the emulator produces, with their Genesys names. */
public enum Metric {
    N_OFFERED("nOffered"),
    T_ANSWERED("tAnswered"),
    T_ABANDON("tAbandon"),
    T_SHORT_ABANDON("tShortAbandon"),
    T_FLOW_OUT("tFlowOut"),
    N_OVER_SLA("nOverSla"),
    O_SERVICE_LEVEL("oServiceLevel"),
    T_WAIT("tWait"),
    T_TALK_COMPLETE("tTalkComplete"),
    T_HELD_COMPLETE("tHeldComplete"),
    T_ACW("tAcw"),
    T_HANDLE("tHandle"),
    N_TRANSFERRED("nTransferred");

    /**
     * Valid Genesys metric names the emulator accepts in a query but never produces (they are
     * simply absent from answers, as metrics without a value are). Any other name is a 400.
     */
    public static final Set<String> ACCEPTED_WITHOUT_DATA = Set.of(
            "nBlindTransferred", "nBotInteractions", "nCobrowseSessions", "nConnected", "nConsult",
            "nConsultTransferred", "nError", "nOutbound", "nOutboundAbandoned", "nOutboundAttempted",
            "nOutboundConnected", "nStateTransitionError", "oExternalMediaCount", "oInteracting",
            "oMediaCount", "oServiceTarget", "oWaiting", "tAcd", "tActiveCallback", "tActiveCallbackComplete", "tAgentResponseTime",
            "tAlert", "tAverageAgentResponseTime", "tAverageCustomerResponseTime", "tBarging", "tCoaching",
            "tCoachingComplete", "tConnected", "tContacting", "tDialing", "tFirstConnect", "tFirstDial",
            "tFirstEngagement", "tFirstResponse", "tHeld", "tIvr", "tMonitoring", "tMonitoringComplete",
            "tNotResponding", "tPark", "tParkComplete", "tTalk", "tUserResponseTime",
            "tVoicemail");

    private final String wireName;

    Metric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Metric> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    public static boolean isValidGenesysName(String name) {
        return fromWireName(name).isPresent() || ACCEPTED_WITHOUT_DATA.contains(name);
    }
}
