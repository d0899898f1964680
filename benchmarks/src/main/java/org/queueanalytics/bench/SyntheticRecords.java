package org.queueanalytics.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.queueanalytics.common.record.QueueIntervalRecord;

/**
 * A deterministic stream of realistic queue interval records: {@code queues} queues (UUIDs,
 * names in several languages and scripts, some with quotes and emoji), each with voice and a
 * few other media types, 15-minute intervals in time order (what a backfill publishes), a
 * daily and weekly contact curve, and metrics that hang together (answered ≤ offered, handle
 * time = talk + hold + ACW, service level from its numerator and denominator). Like Genesys,
 * a (queue, media type, interval) without contacts yields no record.
 *
 * <p>The same (seed, queues, start) always yields the same records in the same order, so the
 * topic loader and every baseline in a benchmark run see identical rows without storing them.
 */
public final class SyntheticRecords {
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");
    public static final int DEFAULT_QUEUES = 200;
    public static final long DEFAULT_SEED = 20250127L;
    private static final Duration INTERVAL = Duration.ofMinutes(15);
    private static final String GRANULARITY = "PT15M";

    private static final String[] DEPARTMENTS = {
        "Customer Service", "Technical Support", "Billing", "Sales", "Retention", "Claims", "Onboarding",
        "VIP Desk", "Collections", "Complaints", "Kundenservice", "Service Client", "Atención al Cliente",
        "Assistenza Clienti", "Klantenservice", "Suporte Técnico", "Obsługa Klienta", "Müşteri Hizmetleri",
        "カスタマーサポート", "客户服务", "고객 지원", "Служба поддержки", "خدمة العملاء", "שירות לקוחות",
        "Hỗ trợ khách hàng", "ฝ่ายบริการลูกค้า", "Kundtjänst", "Asiakaspalvelu",
    };
    private static final String[] QUALIFIERS = {
        "", " – Tier 2", " – Enterprise", " (Overflow)", " – Nordics", " – DACH", " – Île-de-France", " – Zürich",
        " – O'Brien's team", " – Après-vente", " 🌟 Priority", " – Night shift", " / Spanish", " \"Gold\"",
        " – Québec", " – São Paulo", " – 東京", " – Kraków",
    };
    static final String[] MEDIA = {"voice", "chat", "email", "message", "callback"};
    /** Chance that a queue serves each media type (voice always). */
    private static final double[] MEDIA_SHARE = {1.0, 0.6, 0.45, 0.3, 0.15};
    /** Contacts per interval at the daily peak, relative to voice. */
    private static final double[] MEDIA_VOLUME = {1.0, 0.55, 0.3, 0.4, 0.1};

    private final List<Queue> queues;
    private final Instant start;
    private final long seed;

    /** One synthetic queue; {@code media[m]} is its volume of {@code MEDIA[m]} relative to voice, 0 when it does not serve it. */
    record Queue(String id, String name, double peakVolume, double slTarget, int slSeconds,
                 double talkSeconds, double[] media) {
    }

    public SyntheticRecords(long seed, int queueCount, Instant start) {
        if (queueCount < 1) {
            throw new IllegalArgumentException("SyntheticRecords: need at least one queue (was " + queueCount + ")");
        }
        this.seed = seed;
        this.start = start;
        Random random = new Random(seed);
        List<Queue> list = new ArrayList<>(queueCount);
        for (int i = 0; i < queueCount; i++) {
            String id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                    (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
            String name = DEPARTMENTS[i % DEPARTMENTS.length] + QUALIFIERS[(i / DEPARTMENTS.length + i) % QUALIFIERS.length]
                    + (i >= DEPARTMENTS.length * 2 ? " " + (i / DEPARTMENTS.length) : "");
            double[] media = new double[MEDIA.length];
            for (int m = 0; m < MEDIA.length; m++) {
                media[m] = random.nextDouble() < MEDIA_SHARE[m] ? MEDIA_VOLUME[m] : 0;
            }
            list.add(new Queue(id, name, 2 + random.nextDouble() * random.nextDouble() * 80,
                    random.nextBoolean() ? 0.8 : 0.9, random.nextBoolean() ? 20 : 30,
                    150 + random.nextDouble() * 350, media));
        }
        this.queues = List.copyOf(list);
    }

    public SyntheticRecords() {
        this(DEFAULT_SEED, DEFAULT_QUEUES, DEFAULT_START);
    }

    public int queueCount() {
        return queues.size();
    }

    /** The queues, in the order every interval (and every observation snapshot) visits them. */
    List<Queue> queues() {
        return queues;
    }

    /** Calls {@code sink} with the first {@code count} records, in publication order. */
    public void forEach(long count, Consumer<QueueIntervalRecord> sink) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        long produced = 0;
        for (long interval = 0; produced < count; interval++) {
            Instant from = start.plus(INTERVAL.multipliedBy(interval));
            Instant to = from.plus(INTERVAL);
            double load = load(from);
            for (int q = 0; q < queues.size() && produced < count; q++) {
                Queue queue = queues.get(q);
                for (int m = 0; m < MEDIA.length && produced < count; m++) {
                    if (queue.media()[m] == 0) {
                        continue;
                    }
                    double mean = queue.peakVolume() * queue.media()[m] * load;
                    long offered = poisson(random, mean);
                    if (offered == 0 && random.nextDouble() < 0.85) {
                        continue; // Genesys returns no bucket for an idle interval (mostly)
                    }
                    sink.accept(record(random, queue, MEDIA[m], from, to, offered));
                    produced++;
                }
            }
        }
    }

    /** The first {@code count} records as a list (for micro-benchmarks; keep {@code count} small). */
    public List<QueueIntervalRecord> list(int count) {
        List<QueueIntervalRecord> out = new ArrayList<>(count);
        forEach(count, out::add);
        return out;
    }

    /** Contact volume relative to the weekday peak: office hours, lunch dip, quiet nights and weekends. */
    static double load(Instant at) {
        long minuteOfDay = Math.floorMod(at.getEpochSecond() / 60, 1440);
        double hour = minuteOfDay / 60.0;
        double day = Math.exp(-Math.pow((hour - 10.5) / 2.5, 2)) + 0.8 * Math.exp(-Math.pow((hour - 15) / 2.2, 2));
        long dayOfWeek = Math.floorMod(at.getEpochSecond() / 86_400 + 3, 7); // 1970-01-01 was a Thursday; 0 = Monday
        double week = dayOfWeek >= 5 ? 0.35 : 1.0;
        return 0.03 + day * week;
    }

    private QueueIntervalRecord record(Random random, Queue queue, String media, Instant from, Instant to, long offered) {
        boolean realtime = media.equals("voice") || media.equals("chat") || media.equals("message") || media.equals("callback");
        long flowOuts = offered == 0 ? 0 : binomial(random, offered, 0.02);
        long abandoned = realtime ? binomial(random, offered - flowOuts, 0.06) : 0;
        long answered = offered - flowOuts - abandoned;
        long shortAbandoned = binomial(random, abandoned, 0.3);
        long transferred = binomial(random, answered, 0.08);
        long overSla = realtime ? binomial(random, answered, 0.15 + random.nextDouble() * 0.2) : 0;
        long slDenominator = answered + abandoned - shortAbandoned;
        long slNumerator = Math.max(0, slDenominator - overSla - (abandoned - shortAbandoned));
        Double slPct = slDenominator == 0 ? null : 100.0 * slNumerator / slDenominator; // no SL event: NULL, as Genesys
        double talk = media.equals("email") ? 240 : queue.talkSeconds();
        long talkMs = Math.round(answered * talk * 1000 * (0.7 + random.nextDouble() * 0.6));
        long holdMs = realtime ? Math.round(talkMs * random.nextDouble() * 0.12) : 0;
        long acwMs = Math.round(answered * (20 + random.nextDouble() * 60) * 1000);
        long answerMs = Math.round(answered * queue.slSeconds() * 1000 * (0.2 + random.nextDouble() * 1.4));
        long waitMs = answerMs + Math.round(abandoned * (15 + random.nextDouble() * 90) * 1000);
        Instant fetchedAt = to.plusSeconds(300).plusMillis(random.nextInt(60_000));
        return QueueIntervalRecord.builder().queueId(queue.id()).queueName(queue.name()).mediaType(media)
                .intervalStart(from).intervalEnd(to).granularity(GRANULARITY).fetchedAt(fetchedAt).offered(offered)
                .answered(answered).abandoned(abandoned).serviceLevelPct(slPct).shortAbandoned(shortAbandoned)
                .flowOuts(flowOuts).overSla(overSla).slNumerator(slNumerator).slDenominator(slDenominator)
                .slTarget(slPct == null ? null : queue.slTarget()).answerTimeMs(answerMs).waitTimeMs(waitMs).talkTimeMs(talkMs)
                .holdTimeMs(holdMs).acwTimeMs(acwMs).handleTimeMs(talkMs + holdMs + acwMs).handleCount(answered)
                .transferred(transferred)
                // the later metrics, derived without further random draws (the series stays the same)
                .abandonTimeMs(waitMs - answerMs).maxWaitTimeMs(offered == 0 ? 0 : queue.slSeconds() * 4000L)
                .talkCount(answered).holdCount(holdMs == 0 ? 0 : answered / 7).acwCount(answered)
                .alertTimeMs(answered * 6_000).alertCount(answered + overSla / 4).notRespondingTimeMs(overSla / 4 * 30_000)
                .notRespondingCount(overSla / 4).connected(answered).acdTimeMs(answerMs).acdCount(answered)
                .consults(transferred / 2).consultTransferred(transferred / 2).blindTransferred(transferred - transferred / 2)
                .outbound(media.equals("email") ? answered / 5 : 0).voicemailTimeMs(flowOuts * 45_000)
                .voicemailCount(flowOuts).serviceTarget(queue.slTarget())
                .build();
    }

    static long poisson(Random random, double mean) {
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        long k = 0;
        while (p > limit) {
            p *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static long binomial(Random random, long n, double p) {
        if (n <= 0) {
            return 0;
        }
        if (n > 40) {
            double mean = n * p;
            long k = Math.round(mean + Math.sqrt(mean * (1 - p)) * random.nextGaussian());
            return Math.min(n, Math.max(0, k));
        }
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
