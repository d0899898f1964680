package org.queueanalytics.emulator.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;

/**
 * The seeded conversations of the emulated organisation, from two streams per (queue, media type):
 * regular contacts per 5-minute {@link #SLOT} (each done within {@link TrafficProfile#REGULAR_SPAN})
 * and long ones per hour {@link #LONG_BLOCK} (hours-long calls, callbacks and emails waiting for
 * hours or days). Each list is a pure function of (seed, queue id, media type, slot or block
 * start): any granularity, poll or run sees the same contacts, so answers are reproducible.
 *
 * <p>Two streams keep queries fast: a query looks back only {@code REGULAR_SPAN} in 5-minute
 * slots and the media type's long span in hour blocks, which hold few contacts.
 */
public final class ContactGenerator implements ContactSource {
    public static final Duration SLOT = Duration.ofMinutes(5);
    public static final Duration LONG_BLOCK = Duration.ofHours(1);

    /** Relative traffic by UTC hour of day: quiet nights give empty (absent) buckets. */
    private static final double[] HOURLY = {
        0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.2, 0.5, 0.9, 1.0, 1.0, 0.9,
        0.8, 0.9, 1.0, 1.0, 0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02};
    private static final double WEEKEND = 0.3;
    private static final double HOLD_PROBABILITY = 0.15;
    private static final double BLIND_TRANSFER_PROBABILITY = 0.03;
    private static final double CONSULT_TRANSFER_PROBABILITY = 0.03;
    private static final double CONSULT_ONLY_PROBABILITY = 0.03;
    private static final double NOT_RESPONDING_PROBABILITY = 0.04;
    private static final double ERROR_PROBABILITY = 0.002;
    /** The queues' {@code alertingTimeoutSeconds}: an unanswered alert ends after it. */
    static final long ALERT_TIMEOUT_MS = 8_000;
    private static final long LONG_STREAM = 0x4C4F4E47L;

    private final long seed;

    public ContactGenerator(long seed) {
        this.seed = seed;
    }

    @Override
    public void forEachContact(EmulatedQueue queue, MediaType media, Instant from, Instant to,
                               Consumer<Contact> action) {
        TrafficProfile profile = TrafficProfile.of(media);
        for (Instant slot = slotOf(from.minus(TrafficProfile.REGULAR_SPAN)); slot.isBefore(to); slot = slot.plus(SLOT)) {
            contacts(queue, media, slot).forEach(action);
        }
        for (Instant block = blockOf(from.minus(profile.longSpan())); block.isBefore(to); block = block.plus(LONG_BLOCK)) {
            longContacts(queue, media, block).forEach(action);
        }
    }

    /** The regular contacts offered in one slot; {@code slotStart} is a multiple of {@link #SLOT}. */
    public List<Contact> contacts(EmulatedQueue queue, MediaType media, Instant slotStart) {
        SplittableRandom random = new SplittableRandom(mix(seed, queue.id().getMostSignificantBits(),
                queue.id().getLeastSignificantBits(), media.ordinal(), slotStart.getEpochSecond()));
        TrafficProfile profile = TrafficProfile.of(media);
        double mean = profile.peakArrivalsPerSlot() * queue.volume() * timeOfWeek(slotStart) * (1 - profile.longShare());
        int arrivals = poisson(random, mean);
        List<Contact> contacts = new ArrayList<>(arrivals);
        for (int i = 0; i < arrivals; i++) {
            long key = random.nextLong();
            Instant offeredAt = slotStart.plusMillis(random.nextLong(SLOT.toMillis()));
            contacts.add(random.nextDouble() < profile.outboundShare()
                    ? outbound(random, profile, key, offeredAt)
                    : inbound(random, profile, key, offeredAt));
        }
        return contacts;
    }

    /** The long contacts offered in one hour block; {@code blockStart} is a multiple of {@link #LONG_BLOCK}. */
    public List<Contact> longContacts(EmulatedQueue queue, MediaType media, Instant blockStart) {
        SplittableRandom random = new SplittableRandom(mix(seed, queue.id().getMostSignificantBits(),
                queue.id().getLeastSignificantBits(), media.ordinal(), blockStart.getEpochSecond(), LONG_STREAM));
        TrafficProfile profile = TrafficProfile.of(media);
        double slotsPerBlock = (double) LONG_BLOCK.toMillis() / SLOT.toMillis();
        double mean = profile.peakArrivalsPerSlot() * queue.volume() * timeOfWeek(blockStart) * slotsPerBlock
                * profile.longShare();
        int arrivals = poisson(random, mean);
        List<Contact> contacts = new ArrayList<>(arrivals);
        for (int i = 0; i < arrivals; i++) {
            long key = random.nextLong();
            Instant offeredAt = blockStart.plusMillis(random.nextLong(LONG_BLOCK.toMillis()));
            long wait = profile.longWaitMaxMs() > 0
                    ? between(random, TrafficProfile.MAX_WAIT_MS, profile.longWaitMaxMs())
                    : exponential(random, profile.meanWaitMs(), 500, TrafficProfile.MAX_WAIT_MS);
            long talk = profile.longTalkMaxMs() > 0
                    ? between(random, TrafficProfile.MAX_TALK_MS, profile.longTalkMaxMs())
                    : exponential(random, profile.meanTalkMs(), 5_000, TrafficProfile.MAX_TALK_MS);
            contacts.add(answered(random, key, offeredAt, wait, talk));
        }
        return contacts;
    }

    public static Instant slotOf(Instant instant) {
        return floor(instant, SLOT);
    }

    static Instant blockOf(Instant instant) {
        return floor(instant, LONG_BLOCK);
    }

    private static Instant floor(Instant instant, Duration unit) {
        long unitSeconds = unit.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), unitSeconds) * unitSeconds);
    }

    private static Contact inbound(SplittableRandom random, TrafficProfile profile, long key, Instant offeredAt) {
        double outcomeDraw = random.nextDouble();
        if (outcomeDraw < profile.answerProbability()) {
            long wait = exponential(random, profile.meanWaitMs(), 500, TrafficProfile.MAX_WAIT_MS);
            long talk = exponential(random, profile.meanTalkMs(), 5_000, TrafficProfile.MAX_TALK_MS);
            return answered(random, key, offeredAt, wait, talk);
        }
        if (outcomeDraw < profile.answerProbability() + profile.abandonProbability()) {
            long wait = exponential(random, 40_000, 500, TrafficProfile.MAX_WAIT_MS);
            return Contact.unanswered(key, offeredAt, Contact.Outcome.ABANDONED, wait);
        }
        long wait = 60_000 + random.nextLong(240_000);
        if (outcomeDraw < profile.answerProbability() + profile.abandonProbability() + profile.voicemailProbability()) {
            long voicemail = 5_000 + random.nextLong(TrafficProfile.MAX_VOICEMAIL_MS - 5_000);
            return new Contact(key, offeredAt, Contact.Direction.INBOUND, Contact.Outcome.VOICEMAIL, wait, 0, 0,
                    0, 0, 0, Contact.Transfer.NONE, false, voicemail);
        }
        return Contact.unanswered(key, offeredAt, Contact.Outcome.FLOWED_OUT, wait);
    }

    /** Rings an agent (sometimes one who does not respond first), talks, holds, wraps up, maybe transfers. */
    private static Contact answered(SplittableRandom random, long key, Instant offeredAt, long queueWait, long talk) {
        long alert = 1_000 + random.nextLong(ALERT_TIMEOUT_MS - 1_000);
        long notResponding = random.nextDouble() < NOT_RESPONDING_PROBABILITY ? ALERT_TIMEOUT_MS : 0;
        long wait = Math.max(queueWait, alert + notResponding);
        long held = random.nextDouble() < HOLD_PROBABILITY ? 5_000 + random.nextLong(TrafficProfile.MAX_HELD_MS - 5_000) : 0;
        long acw = 10_000 + random.nextLong(TrafficProfile.MAX_ACW_MS - 10_000);
        Contact.Transfer transfer = transfer(random.nextDouble());
        boolean error = random.nextDouble() < ERROR_PROBABILITY;
        return new Contact(key, offeredAt, Contact.Direction.INBOUND, Contact.Outcome.ANSWERED, wait, alert,
                notResponding, talk, held, acw, transfer, error, 0);
    }

    private static Contact outbound(SplittableRandom random, TrafficProfile profile, long key, Instant startedAt) {
        long talk = exponential(random, profile.meanTalkMs(), 5_000, TrafficProfile.MAX_TALK_MS);
        long acw = 10_000 + random.nextLong(TrafficProfile.MAX_ACW_MS - 10_000);
        return new Contact(key, startedAt, Contact.Direction.OUTBOUND, Contact.Outcome.ANSWERED, 0, 0, 0, talk, 0,
                acw, Contact.Transfer.NONE, false, 0);
    }

    private static Contact.Transfer transfer(double draw) {
        if (draw < BLIND_TRANSFER_PROBABILITY) {
            return Contact.Transfer.BLIND;
        }
        if (draw < BLIND_TRANSFER_PROBABILITY + CONSULT_TRANSFER_PROBABILITY) {
            return Contact.Transfer.CONSULT_TRANSFER;
        }
        if (draw < BLIND_TRANSFER_PROBABILITY + CONSULT_TRANSFER_PROBABILITY + CONSULT_ONLY_PROBABILITY) {
            return Contact.Transfer.CONSULT_WITHOUT_TRANSFER;
        }
        return Contact.Transfer.NONE;
    }

    /**
     * The share of peak traffic at {@code instant}: the UTC hour's weight, × 0.3 on Saturdays and Sundays. Public
     * so that models derived from the traffic (the queues' staffing in live observations) follow the same curve.
     */
    public static double timeOfWeek(Instant slotStart) {
        ZonedDateTime utc = slotStart.atZone(ZoneOffset.UTC);
        DayOfWeek day = utc.getDayOfWeek();
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return HOURLY[utc.getHour()] * (weekend ? WEEKEND : 1.0);
    }

    private static long between(SplittableRandom random, long min, long max) {
        return min + random.nextLong(max - min);
    }

    private static long exponential(SplittableRandom random, long mean, long min, long max) {
        long value = (long) (-mean * Math.log(1.0 - random.nextDouble()));
        return Math.max(min, Math.min(max, value));
    }

    /** Knuth's method; means here stay small (≤ ~10). */
    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    private static long mix(long... parts) {
        long hash = 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            hash = fmix(hash ^ fmix(part + 0x9E3779B97F4A7C15L));
        }
        return hash;
    }

    static long fmix(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93fe53e6c1bL;
        return z ^ (z >>> 33);
    }
}
