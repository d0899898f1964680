package org.queueanalytics.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void redactAllMasksEverySecretInAText() {
        String text = "invalid header value: \"hunter2-pw\n\", token tok-123 and again hunter2-pw";

        assertThat(Secret.redactAll(text, List.of(Secret.of("hunter2-pw\n"), Secret.of("tok-123"), Secret.empty())))
                .isEqualTo("invalid header value: \"****\", token **** and again ****");
    }

    @Test
    void redactAllLeavesVeryShortSecretsAloneSoOrdinaryWordsSurvive() {
        assertThat(Secret.redactAll("state ok", List.of(Secret.of("ok")))).isEqualTo("state ok");
        assertThat(Secret.redactAll(null, List.of(Secret.of("abcd")))).isNull();
    }

    @Test
    void aSecretPrintsAsStarsWhateverItHolds() {
        assertThat(Secret.of("hunter2")).hasToString("****");
        assertThat(Secret.empty()).hasToString("");
    }
}
