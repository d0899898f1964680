package org.queueanalytics.emulator.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;

/**
 * The conversations of one (queue, media type, 5-minute slot), a pure function of
 * (seed, queue id, media type, slot start): any granularity, any poll, any run sees the same
 * contacts, so answers are reproducible and consistent across granularities.
 */
public final class ContactGenerator {
    /** The generation unit; buckets of any granularity collect contacts by offer time. */
    public static final Duration SLOT = Duration.ofMinutes(5);

    /** Relative traffic by UTC hour of day: quiet nights give empty (absent) buckets. */
    private static final double[] HOURLY = {
        0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.2, 0.5, 0.9, 1.0, 1.0, 0.9,
        0.8, 0.9, 1.0, 1.0, 0.9, 0.7, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02};
    private static final double WEEKEND = 0.3;
    private static final double HOLD_PROBABILITY = 0.15;
    private static final double TRANSFER_PROBABILITY = 0.05;

    private final long seed;

    public ContactGenerator(long seed) {
        this.seed = seed;
    }

    /** @param slotStart a multiple of {@link #SLOT} since the epoch */
    public List<Contact> contacts(EmulatedQueue queue, MediaType media, Instant slotStart) {
        SplittableRandom random = new SplittableRandom(mix(seed, queue.id().getMostSignificantBits(),
                queue.id().getLeastSignificantBits(), media.ordinal(), slotStart.getEpochSecond()));
        TrafficProfile profile = TrafficProfile.of(media);
        double mean = profile.peakArrivalsPerSlot() * queue.volume() * timeOfWeek(slotStart);
        int arrivals = poisson(random, mean);
        List<Contact> contacts = new ArrayList<>(arrivals);
        for (int i = 0; i < arrivals; i++) {
            contacts.add(contact(random, profile, slotStart.plusMillis(random.nextLong(SLOT.toMillis()))));
        }
        return contacts;
    }

    public static Instant slotOf(Instant instant) {
        long slotSeconds = SLOT.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), slotSeconds) * slotSeconds);
    }

    private static Contact contact(SplittableRandom random, TrafficProfile profile, Instant offeredAt) {
        double outcomeDraw = random.nextDouble();
        if (outcomeDraw < profile.answerProbability()) {
            long wait = exponential(random, profile.meanWaitMs(), 500, TrafficProfile.MAX_WAIT_MS);
            long talk = exponential(random, profile.meanTalkMs(), 5_000, TrafficProfile.MAX_TALK_MS);
            long held = random.nextDouble() < HOLD_PROBABILITY ? 5_000 + random.nextLong(115_000) : 0;
            long acw = 10_000 + random.nextLong(110_000);
            boolean transferred = random.nextDouble() < TRANSFER_PROBABILITY;
            return new Contact(offeredAt, Contact.Outcome.ANSWERED, wait, talk, held, acw, transferred);
        }
        if (outcomeDraw < profile.answerProbability() + profile.abandonProbability()) {
            long wait = exponential(random, 40_000, 500, TrafficProfile.MAX_WAIT_MS);
            return new Contact(offeredAt, Contact.Outcome.ABANDONED, wait, 0, 0, 0, false);
        }
        long wait = 60_000 + random.nextLong(240_000);
        return new Contact(offeredAt, Contact.Outcome.FLOWED_OUT, wait, 0, 0, 0, false);
    }

    private static double timeOfWeek(Instant slotStart) {
        ZonedDateTime utc = slotStart.atZone(ZoneOffset.UTC);
        DayOfWeek day = utc.getDayOfWeek();
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return HOURLY[utc.getHour()] * (weekend ? WEEKEND : 1.0);
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

    private static long fmix(long value) {
        long z = value;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb93fe53e6c1bL;
        return z ^ (z >>> 33);
    }
}
