package org.queueanalytics.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {

    @Test
    void acceptsEveryEncodingLengthUpToTheLastCodePoint() {
        assertWellFormed("", "41", "c3a9", "e282ac", "f09f8c9f", "ed9fbf", "ee8080", "efbfbf", "f48fbfbf");
        assertWellFormed(text("Zürich – 東京 🌟 O'Brien"));
    }

    @Test
    void refusesOverlongForms() {
        assertMalformed("c0af", "c1bf", "e080af", "e09fbf", "f08fbfbf", "f0808080");
    }

    @Test
    void refusesSurrogatesAlsoAsCesuPairs() {
        assertMalformed("eda080", "edbfbf", "eda0bdedb880");
    }

    @Test
    void refusesCodePointsBeyondUnicodeAndBytesThatNeverStartASequence() {
        assertMalformed("f4908080", "f5808080", "f8888080", "fe", "ff", "80", "bf", "41bf");
    }

    @Test
    void refusesSequencesCutShortOrInterrupted() {
        assertMalformed("c3", "e282", "f09f8c", "41c3", "c341", "e24182ac", "f09f418c");
    }

    @Test
    void checksOnlyTheGivenRangeSoASequenceCutByItsEndIsTruncated() {
        byte[] b = HexFormat.of().parseHex("41c3a942");
        assertThat(Utf8Validator.isWellFormed(b, 1, 3)).isTrue();
        assertThat(Utf8Validator.isWellFormed(b, 1, 2)).isFalse();
        assertThat(Utf8Validator.isWellFormed(b, 2, 4)).isFalse();
        assertThat(Utf8Validator.isWellFormed(b, 3, 3)).isTrue();
    }

    @Test
    void agreesWithTheStrictJdkDecoderOnRandomBytes() {
        Random random = new Random(7);
        byte[] alphabet = HexFormat.of().parseHex("00417f80818fbfc0c1c2c3dfe0e1eaedeef0f1f3f4f5ff909fa0");
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[random.nextInt(7)];
            for (int k = 0; k < b.length; k++) {
                b[k] = alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(Utf8Validator.isWellFormed(b, 0, b.length)).as(HexFormat.of().formatHex(b)).isEqualTo(jdkDecodes(b));
        }
    }

    private static boolean jdkDecodes(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String text(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertWellFormed(String... hex) {
        for (String h : hex) {
            byte[] b = HexFormat.of().parseHex(h);
            assertThat(Utf8Validator.isWellFormed(b, 0, b.length)).as(h).isTrue();
        }
    }

    private static void assertMalformed(String... hex) {
        for (String h : hex) {
            byte[] b = HexFormat.of().parseHex(h);
            assertThat(Utf8Validator.isWellFormed(b, 0, b.length)).as(h).isFalse();
            assertThat(jdkDecodes(b)).as("the JDK agrees that %s is malformed", h).isFalse();
        }
    }
}
