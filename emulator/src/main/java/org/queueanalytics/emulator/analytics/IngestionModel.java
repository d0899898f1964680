package org.queueanalytics.emulator.analytics;

import java.time.Duration;

/**
 * When an event, once it has happened, shows in answers — the only way a closed interval changes.
 *
 * <ul>
 *   <li>Ingestion delay ({@code delayed}): each event becomes visible 0–{@link #MAX_DELAY} after it
 *       happens, a delay drawn from the contact's key and the event's moment (so a poll is
 *       reproducible, and the metrics of one moment — e.g. {@code tAnswered} and {@code nConnected}
 *       — appear together). The open interval and the one closed within the last two minutes are
 *       partial; once every event of an interval has posted it is stable. Without the delay an
 *       event is visible as soon as it has happened: a closed interval never changes.</li>
 *   <li>Reprocessing ({@code reprocessing}): for {@link #REPROCESSED_PER_MILLE}‰ of contacts (drawn
 *       from the key) the first ingestion of after-call work carries only half of it, and the
 *       analytics back end corrects it {@link #REPROCESSING_AFTER} later: the interval where that ACW
 *       ended gets larger {@code tAcw} and {@code tHandle} sums two days after it closed.</li>
 * </ul>
 */
public record IngestionModel(boolean delayed, boolean reprocessing) {
    /** Visible as soon as it happened, never corrected: stable answers for tests. */
    public static final IngestionModel IMMEDIATE = new IngestionModel(false, false);
    /** The default: a small ingestion delay, no reprocessing. */
    public static final IngestionModel DELAYED = new IngestionModel(true, false);

    public static final Duration MAX_DELAY = Duration.ofSeconds(120);
    public static final Duration REPROCESSING_AFTER = Duration.ofHours(48);
    public static final int REPROCESSED_PER_MILLE = 5;

    private static final long MOMENT_SALT = 0x9E3779B97F4A7C15L;
    private static final long REPROCESSING_SALT = 0x5245_5052_4F43L;

    /** How long after it happened the event of {@code moment} becomes visible. */
    long delayMs(Contact contact, int moment) {
        if (!delayed) {
            return 0;
        }
        return Math.floorMod(ContactGenerator.fmix(contact.key() + MOMENT_SALT * (moment + 1)), MAX_DELAY.toMillis() + 1);
    }

    boolean visible(Contact contact, long eventAtMs, int moment, long nowMs) {
        return eventAtMs + delayMs(contact, moment) < nowMs;
    }

    /** The value as the back end holds it at {@code nowMs}: before the correction, ACW is half its value. */
    long postedValue(Contact contact, Metric metric, long eventAtMs, long valueMs, long nowMs) {
        if (reprocessing && (metric == Metric.T_ACW || metric == Metric.T_HANDLE) && reprocessed(contact)
                && nowMs < eventAtMs + REPROCESSING_AFTER.toMillis()) {
            return valueMs - contact.acwMs() / 2;
        }
        return valueMs;
    }

    boolean reprocessed(Contact contact) {
        return Math.floorMod(ContactGenerator.fmix(contact.key() ^ REPROCESSING_SALT), 1000) < REPROCESSED_PER_MILLE;
    }
}
