package org.queueanalytics.consumer.clickhouse.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CityHash128Test {

    @Test
    void matchesTheKnownAnswersOfVersion102() {
        assertHash(new byte[0], 0x3df09dfc64c09a2bL, 0x3cb540c392e51e29L);
        assertHash(ascii("a"), 0xd27139a1afe01ad0L, 0xfd7e8ee2e4c86cf6L);
        assertHash(ascii("abc"), 0x900ff195577748feL, 0x13a9176355b20d7eL);
        assertHash(ascii("hello world"), 0x7dfb52dd24b29c7bL, 0x0f6075c357e384d0L);
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertHash(all, 0x327bb07ec0345a9bL, 0xfb45ef5cb037bd93L);
    }

    @Test
    void matchesTheChecksumOfABlockWrittenByClickHouseCompressor() {
        // clickhouse-compressor 18.16 for "INSERT INTO t VALUES (1)": checksum, then method + sizes + payload.
        byte[] block = Hex.decode("b4b77e8467343ff84eb42edfb41e1007" + "82" + "23000000" + "18000000"
                + "f009494e5345525420494e544f20742056414c55455320283129");
        assertThat(block).hasSize(51);
        CityHash128.Hash hash = CityHash128.hash(block, 16, block.length - 16);
        assertThat(Hex.encodeLongLe(hash.low()) + Hex.encodeLongLe(hash.high())).isEqualTo("b4b77e8467343ff84eb42edfb41e1007");
    }

    /**
     * Blocks written by clickhouse-compressor 18.16 for 7, 8 and 9 bytes ≥ 0x80: the checksummed
     * parts are 17–19 bytes long, so CityHash128 ends in its 1–3 byte tail path over high-bit bytes,
     * where a port that reads the bytes as signed gets a different answer.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "8173431c27608fcb32b4bfa040fb21a1" + "821100000007000000" + "70fffe808190a0c0",
            "c6fd1aae62d3b800560d938b7d30c259" + "821200000008000000" + "80fffe808190a0c0f0",
            "9fa733214092f823842685d759ff3129" + "821300000009000000" + "90fffe808190a0c0f0fa"})
    void matchesClickHouseOnShortTailsOfHighBitBytes(String blockHex) {
        byte[] block = Hex.decode(blockHex);
        CityHash128.Hash hash = CityHash128.hash(block, 16, block.length - 16);
        assertThat(Hex.encodeLongLe(hash.low()) + Hex.encodeLongLe(hash.high())).isEqualTo(blockHex.substring(0, 32));
    }

    @Test
    void hashesASliceLikeACopyOfIt() {
        byte[] data = new byte[400];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        for (int len : new int[] {0, 1, 3, 7, 8, 15, 16, 17, 127, 128, 129, 255, 300}) {
            byte[] copy = java.util.Arrays.copyOfRange(data, 50, 50 + len);
            assertThat(CityHash128.hash(data, 50, len)).as("length %d", len).isEqualTo(CityHash128.hash(copy));
        }
    }

    private static void assertHash(byte[] input, long low, long high) {
        CityHash128.Hash hash = CityHash128.hash(input);
        assertThat(hash).as("CityHash128 of %d bytes", input.length).isEqualTo(new CityHash128.Hash(low, high));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
