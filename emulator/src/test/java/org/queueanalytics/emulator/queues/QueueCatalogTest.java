package org.queueanalytics.emulator.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueueCatalogTest {

    @Test
    void theSameSeedGivesTheSameQueues() {
        assertThat(QueueCatalog.generate(42, 100, 5).all()).isEqualTo(QueueCatalog.generate(42, 100, 5).all());
    }

    @Test
    void anotherSeedGivesOtherIds() {
        List<String> a = QueueCatalog.generate(1, 10, 0).all().stream().map(EmulatedQueue::idString).toList();
        List<String> b = QueueCatalog.generate(2, 10, 0).all().stream().map(EmulatedQueue::idString).toList();
        assertThat(a).doesNotContainAnyElementsOf(b);
    }

    @Test
    void idsAreVersion4UuidsAndEveryQueueHandlesVoice() {
        QueueCatalog catalog = QueueCatalog.generate(42, 300, 0);
        assertThat(catalog.all()).allSatisfy(q -> {
            assertThat(q.id().version()).isEqualTo(4);
            assertThat(q.mediaTypes().get(0)).isEqualTo(MediaType.VOICE);
        });
        assertThat(catalog.all()).extracting(EmulatedQueue::id).doesNotHaveDuplicates();
        assertThat(catalog.all()).anyMatch(q -> q.mediaTypes().size() > 1);
    }

    @Test
    void aSmallCatalogAlreadyCarriesEveryAdversarialName() {
        QueueCatalog catalog = QueueCatalog.generate(42, QueueNames.ADVERSARIAL.size() * 2, 0);
        assertThat(catalog.visible()).extracting(EmulatedQueue::name).containsAll(QueueNames.ADVERSARIAL);
    }

    @Test
    void deletedQueuesComeAfterTheVisibleOnes() {
        QueueCatalog catalog = QueueCatalog.generate(42, 10, 2);
        assertThat(catalog.visible()).hasSize(10).noneMatch(EmulatedQueue::deleted);
        assertThat(catalog.all()).hasSize(12);
        assertThat(catalog.all().subList(10, 12)).allMatch(EmulatedQueue::deleted);
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> QueueCatalog.generate(42, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
