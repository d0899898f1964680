package org.queueanalytics.emulator.queues;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Media types the emulator generates traffic for, with their Genesys wire names. */
public enum MediaType {
    VOICE("voice", "call"),
    CALLBACK("callback", "callback"),
    CHAT("chat", "chat"),
    EMAIL("email", "email"),
    MESSAGE("message", "message");

    /**
     * The documented media types of a conversation-aggregates filter; those not listed above
     * simply have no data. ({@code unknown} is not one of them: Genesys rejects it.)
     */
    public static final Set<String> GENESYS_NAMES = Set.of("callback", "chat", "cobrowse", "email",
            "internalmessage", "message", "screenshare", "video", "voice");

    private final String wireName;
    private final String queueSettingsKey;

    MediaType(String wireName, String queueSettingsKey) {
        this.wireName = wireName;
        this.queueSettingsKey = queueSettingsKey;
    }

    public String wireName() {
        return wireName;
    }

    /** The key of this media type under a routing queue's {@code mediaSettings}. */
    public String queueSettingsKey() {
        return queueSettingsKey;
    }

    public static Optional<MediaType> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    public static Set<String> wireNames() {
        return Arrays.stream(values()).map(MediaType::wireName).collect(Collectors.toUnmodifiableSet());
    }
}
