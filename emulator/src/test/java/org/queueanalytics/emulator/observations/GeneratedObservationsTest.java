package org.queueanalytics.emulator.observations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.queueanalytics.emulator.analytics.Contact;
import org.queueanalytics.emulator.analytics.ContactGenerator;
import org.queueanalytics.emulator.queues.EmulatedQueue;
import org.queueanalytics.emulator.queues.MediaType;
import org.queueanalytics.emulator.queues.QueueCatalog;

/**
 * The model over the seeded generator agrees with a brute-force count over every contact offered in the four
 * days before {@code t} — longer than any conversation lasts (emails: 3 days 44 min) — so contacts that began long
 * before {@code t} are found, and none is counted twice.
 */
class GeneratedObservationsTest {
    private static final long SEED = 42;
    private static final Duration BRUTE_FORCE_LOOK_BACK = Duration.ofDays(4);

    private final QueueCatalog catalog = QueueCatalog.generate(SEED, 6, 0);
    private final ContactGenerator generator = new ContactGenerator(SEED);
    private final ObservationModel model = new ObservationModel(catalog, generator);

    private List<Contact> everyContactOfferedBefore(EmulatedQueue queue, MediaType media, Instant t) {
        List<Contact> contacts = new ArrayList<>();
        Instant from = t.minus(BRUTE_FORCE_LOOK_BACK);
        for (Instant slot = ContactGenerator.slotOf(from); !slot.isAfter(t); slot = slot.plus(ContactGenerator.SLOT)) {
            contacts.addAll(generator.contacts(queue, media, slot));
        }
        Instant block = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), 3600) * 3600);
        for (; !block.isAfter(t); block = block.plus(ContactGenerator.LONG_BLOCK)) {
            contacts.addAll(generator.longContacts(queue, media, block));
        }
        return contacts;
    }

    private void assertAgreesWithBruteForce(Instant t) {
        QueueObservations observed = model.observeAll(t);
        long tMs = t.toEpochMilli();
        for (EmulatedQueue queue : catalog.visible()) {
            for (MediaType media : queue.mediaTypes()) {
                List<Contact> contacts = everyContactOfferedBefore(queue, media, t);
                List<Contact> waiting = contacts.stream()
                        .filter(c -> c.inbound() && c.offeredAtMs() <= tMs && tMs < c.waitEndedAtMs()).toList();
                List<Contact> interacting = contacts.stream()
                        .filter(c -> c.connected() && c.waitEndedAtMs() <= tMs && tMs < c.talkEndedAtMs()).toList();
                long alerting = contacts.stream().filter(c -> c.connected()
                        && c.waitEndedAtMs() - c.alertMs() - c.notRespondingMs() <= tMs && tMs < c.waitEndedAtMs()).count();
                String id = queue.idString();
                String where = id + "/" + media.wireName() + " at " + t;
                assertThat(observed.count(id, media.wireName(), ObservationMetric.O_WAITING, null)).as(where).isEqualTo(waiting.size());
                assertThat(observed.count(id, media.wireName(), ObservationMetric.O_INTERACTING, null)).as(where)
                        .isEqualTo(interacting.size());
                assertThat(observed.count(id, media.wireName(), ObservationMetric.O_ALERTING, null)).as(where).isEqualTo(alerting);
                assertThat(observed.find(id, media.wireName(), ObservationMetric.O_LONGEST_WAITING, null).orElseThrow()
                        .calculatedValue()).as(where)
                        .isEqualTo(waiting.stream().map(Contact::offeredAtMs).min(Comparator.naturalOrder()).orElse(null));
                assertThat(observed.find(id, media.wireName(), ObservationMetric.O_LONGEST_INTERACTING, null).orElseThrow()
                        .calculatedValue()).as(where)
                        .isEqualTo(interacting.stream().map(Contact::waitEndedAtMs).min(Comparator.naturalOrder()).orElse(null));
            }
        }
    }

    @Test
    void agreesWithEveryContactAtABusyWeekdayInstant() {
        assertAgreesWithBruteForce(Instant.parse("2025-01-27T10:07:13.500Z"));
    }

    @Test
    void agreesAtAQuietWeekendNight() {
        assertAgreesWithBruteForce(Instant.parse("2025-02-01T03:00:00Z"));
    }

    @Test
    void findsAnEmailThatHasBeenWaitingForMoreThanADay() {
        Instant week = Instant.parse("2025-01-20T00:00:00Z");
        Contact longest = null;
        EmulatedQueue owner = null;
        for (EmulatedQueue queue : catalog.visible()) {
            if (!queue.handles(MediaType.EMAIL)) {
                continue;
            }
            for (Instant block = week; block.isBefore(week.plus(Duration.ofDays(7))); block = block.plus(ContactGenerator.LONG_BLOCK)) {
                for (Contact contact : generator.longContacts(queue, MediaType.EMAIL, block)) {
                    if (contact.inbound() && (longest == null || contact.waitMs() > longest.waitMs())) {
                        longest = contact;
                        owner = queue;
                    }
                }
            }
        }
        assertThat(longest).as("a long email in the seeded week").isNotNull();
        assertThat(longest.waitMs()).isGreaterThan(Duration.ofDays(1).toMillis());
        Instant t = longest.offeredAt().plus(Duration.ofDays(1));

        QueueObservations observed = model.observeAll(t);

        ObservationValue oldest = observed.find(owner.idString(), "email", ObservationMetric.O_LONGEST_WAITING, null).orElseThrow();
        assertThat(oldest.count()).isPositive();
        assertThat(oldest.calculatedValue()).isLessThanOrEqualTo(longest.offeredAtMs());
        assertAgreesWithBruteForce(t);
    }

    @Test
    void userCountsStayConsistent() {
        Instant t = Instant.parse("2025-01-27T14:30:00Z");
        QueueObservations observed = model.observeAll(t);
        for (EmulatedQueue queue : catalog.visible()) {
            String id = queue.idString();
            long active = observed.count(id, null, ObservationMetric.O_ACTIVE_USERS, null);
            long onQueue = observed.count(id, null, ObservationMetric.O_ON_QUEUE_USERS, UserQualifiers.IDLE)
                    + observed.count(id, null, ObservationMetric.O_ON_QUEUE_USERS, UserQualifiers.INTERACTING);
            long busy = queue.mediaTypes().stream().mapToLong(m -> observed.count(id, m.wireName(), ObservationMetric.O_ALERTING, null)
                    + observed.count(id, m.wireName(), ObservationMetric.O_INTERACTING, null)).sum();
            assertThat(observed.count(id, null, ObservationMetric.O_MEMBER_USERS, null)).isEqualTo(Staffing.members(queue))
                    .isGreaterThanOrEqualTo(active);
            assertThat(onQueue + observed.count(id, null, ObservationMetric.O_OFF_QUEUE_USERS, null)).isEqualTo(active);
            assertThat(observed.count(id, null, ObservationMetric.O_ON_QUEUE_USERS, UserQualifiers.INTERACTING))
                    .isEqualTo(Math.min(onQueue, busy));
        }
    }
}
