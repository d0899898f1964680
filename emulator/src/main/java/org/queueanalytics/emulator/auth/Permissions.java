package org.queueanalytics.emulator.auth;

import java.util.Set;
import org.queueanalytics.emulator.errors.GenesysErrors;

/** The permissions the emulated OAuth client lacks; every other permission is granted. */
public final class Permissions {
    public static final String ANALYTICS_AGGREGATES_VIEW = "analytics:conversationAggregate:view";
    public static final String ROUTING_QUEUE_VIEW = "routing:queue:view";
    public static final String ANALYTICS_QUEUE_OBSERVATION_VIEW = "analytics:queueObservation:view";

    private final Set<String> denied;

    public Permissions(Set<String> denied) {
        this.denied = Set.copyOf(denied);
    }

    /** @throws org.queueanalytics.emulator.errors.ApiException 403 {@code missing.any.permissions} */
    public void require(String permission) {
        if (denied.contains(permission)) {
            throw GenesysErrors.missingPermission(permission);
        }
    }
}
