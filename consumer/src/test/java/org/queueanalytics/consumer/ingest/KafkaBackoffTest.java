package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaBackoffTest {
    @Test
    void doublesFrom200MillisecondsAndNeverWaitsLongerThanTheRoundPause() {
        KafkaBackoff backoff = KafkaBackoff.upTo(Duration.ofSeconds(1));

        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofSeconds(1));
    }
}
