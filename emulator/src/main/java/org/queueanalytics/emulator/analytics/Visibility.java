package org.queueanalytics.emulator.analytics;

import java.time.Instant;

/**
 * Which of a contact's metrics have posted at {@code now}.
 *
 * @param growth when true, each metric posts at the moment its activity ends (closed intervals
 *               grow for up to ~80 minutes); when false, a contact is complete as soon as it is
 *               offered, so a closed interval never changes between polls
 */
public record Visibility(Instant now, boolean growth) {

    public boolean offered(Contact contact) {
        return contact.offeredAt().isBefore(now);
    }

    public boolean posted(Contact contact, Instant eventAt) {
        return offered(contact) && (!growth || eventAt.isBefore(now));
    }
}
