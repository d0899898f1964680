package org.queueanalytics.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringCacheTest {

    @Test
    void returnsOneInstanceForTheSameBytesWhereverTheyAre() {
        StringCache cache = new StringCache(64);
        byte[] first = "{\"queue_name\":\"Kundenservice – Zürich 🌟\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "xx Kundenservice – Zürich 🌟 yy".getBytes(StandardCharsets.UTF_8);
        int length = "Kundenservice – Zürich 🌟".getBytes(StandardCharsets.UTF_8).length;
        String a = cache.get(first, 15, 15 + length);
        String b = cache.get(second, 3, 3 + length);
        assertThat(a).isEqualTo("Kundenservice – Zürich 🌟").isSameAs(b);
    }

    @Test
    void answersCorrectlyWhenTextsShareASlot() {
        StringCache cache = new StringCache(1);
        byte[] voice = "voice".getBytes(StandardCharsets.UTF_8);
        byte[] chat = "chat".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get(voice, 0, voice.length)).isEqualTo("voice");
            assertThat(cache.get(chat, 0, chat.length)).isEqualTo("chat");
        }
        assertThat(cache.get(voice, 0, 0)).isEmpty();
    }

    @Test
    void decodesButDoesNotKeepTextsLongerThanItsLimit() {
        StringCache cache = new StringCache(16);
        byte[] longest = "q".repeat(StringCache.MAX_LENGTH).getBytes(StandardCharsets.UTF_8);
        byte[] tooLong = "q".repeat(StringCache.MAX_LENGTH + 1).getBytes(StandardCharsets.UTF_8);
        assertThat(cache.get(longest, 0, longest.length)).isSameAs(cache.get(longest, 0, longest.length));
        String once = cache.get(tooLong, 0, tooLong.length);
        assertThat(once).hasSize(StringCache.MAX_LENGTH + 1).isEqualTo(cache.get(tooLong, 0, tooLong.length))
                .isNotSameAs(cache.get(tooLong, 0, tooLong.length));
    }

    @Test
    void refusesASizeThatIsNotAPowerOfTwoNamingIt() {
        for (int size : new int[] {0, 3, 1000, -8, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> new StringCache(size)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("StringCache: size must be a power of two (was " + size + ")");
        }
    }
}
