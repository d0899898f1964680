package org.queueanalytics.emulator.observations;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The qualifiers of user metrics. Routing statuses are Genesys's names; presences are qualified by a presence
 * definition id, for which the emulator has its own stable ids (name-based UUIDs, the same in every run).
 */
public final class UserQualifiers {
    public static final String IDLE = "IDLE";
    public static final String INTERACTING = "INTERACTING";
    public static final String OFF_QUEUE = "OFF_QUEUE";
    /** The "On Queue" system presence: agents on queue. */
    public static final String PRESENCE_ON_QUEUE = presenceId("On Queue");
    /** The "Available" system presence: agents logged in but off queue. */
    public static final String PRESENCE_AVAILABLE = presenceId("Available");

    private UserQualifiers() {
    }

    private static String presenceId(String systemPresence) {
        return UUID.nameUUIDFromBytes(("genesys-emulator presence " + systemPresence).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
