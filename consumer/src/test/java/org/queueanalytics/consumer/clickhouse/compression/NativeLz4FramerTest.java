package org.queueanalytics.consumer.clickhouse.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

class NativeLz4FramerTest {
    private static final String REFERENCE_BLOCK = "b4b77e8467343ff84eb42edfb41e1007" + "82" + "23000000" + "18000000"
            + "f009494e5345525420494e544f20742056414c55455320283129";

    @Test
    void framesTheReferenceStatementLikeClickHouseCompressor() {
        byte[] sql = "INSERT INTO t VALUES (1)".getBytes(StandardCharsets.US_ASCII);
        ByteSink framed = new NativeLz4Framer().frame(sql, 0, sql.length);

        assertThat(framed.length()).isEqualTo(51);
        // LZ4 encoders may pick other (equally valid) payloads; the header and the checksum over our payload must hold.
        assertThat(Hex.encode(framed.array(), 16, 9)).isEqualTo("82" + "23000000" + "18000000");
        CityHash128.Hash hash = CityHash128.hash(framed.array(), 16, 35);
        assertThat(Hex.encode(framed.array(), 0, 16)).isEqualTo(Hex.encodeLongLe(hash.low()) + Hex.encodeLongLe(hash.high()));
        if (Hex.encode(framed.array(), 25, 26).equals(REFERENCE_BLOCK.substring(50))) {
            assertThat(Hex.encode(framed.array(), 0, 51)).isEqualTo(REFERENCE_BLOCK);
        }
        assertThat(NativeBlocks.decode(framed.array(), framed.length())).isEqualTo(sql);
    }

    @Test
    void writesNothingForAnEmptyBody() {
        assertThat(new NativeLz4Framer().frame(new byte[10], 3, 0).length()).isZero();
    }

    @Test
    void cutsLargeBodiesIntoBlocksOfAtMostOneMebibyte() {
        byte[] body = sqlLike(2 * NativeLz4Framer.DEFAULT_BLOCK_SIZE + 12345);
        ByteSink framed = new NativeLz4Framer().frame(body, 0, body.length);

        assertThat(NativeBlocks.blocks(framed.array(), framed.length()))
                .extracting(NativeBlocks.Block::uncompressedSize)
                .containsExactly(NativeLz4Framer.DEFAULT_BLOCK_SIZE, NativeLz4Framer.DEFAULT_BLOCK_SIZE, 12345);
        assertThat(NativeBlocks.decode(framed.array(), framed.length())).isEqualTo(body);
        assertThat(framed.length()).isLessThan(body.length / 2);
    }

    @Test
    void framesASliceAndReusesItsBufferAcrossCalls() {
        NativeLz4Framer framer = new NativeLz4Framer(1000, new ByteSink(64, 1 << 20));
        byte[] body = sqlLike(5000);
        byte[] first = framer.frame(body, 100, 4000).toByteArray();
        ByteSink second = framer.frame(body, 100, 4000);

        assertThat(Arrays.copyOf(second.array(), second.length())).isEqualTo(first);
        assertThat(NativeBlocks.decode(first, first.length)).isEqualTo(Arrays.copyOfRange(body, 100, 4100));
        assertThat(NativeBlocks.blocks(first, first.length)).hasSize(4);
    }

    @Test
    void rejectsBlockSizesBeyondOneMebibyte() {
        assertThatThrownBy(() -> new NativeLz4Framer(NativeLz4Framer.DEFAULT_BLOCK_SIZE + 1, new ByteSink(64, 64)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clickHouseCompressorDecodesTheReferenceStatement() throws Exception {
        ClickHouseCompressor.require();
        byte[] sql = "INSERT INTO t VALUES (1)".getBytes(StandardCharsets.US_ASCII);
        ByteSink framed = new NativeLz4Framer().frame(sql, 0, sql.length);
        assertThat(ClickHouseCompressor.decompress(framed.array(), framed.length())).isEqualTo(sql);
    }

    /**
     * Every body length 0…300 of bytes ≥ 0x80 as its own block: the checksummed lengths then
     * cover the short-input paths of CityHash128 (incl. the 1–3 byte tail that a signed port gets
     * wrong) and the 128-byte loop with every tail length.
     */
    @Test
    void clickHouseCompressorAcceptsEveryLengthUpTo300WithHighBitBytes() throws Exception {
        ClickHouseCompressor.require();
        Random random = new Random(42);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        NativeLz4Framer framer = new NativeLz4Framer();
        for (int length = 0; length <= 300; length++) {
            for (int pattern = 0; pattern < 2; pattern++) {
                byte[] body = new byte[length];
                for (int i = 0; i < length; i++) {
                    // pattern 0: random high-bit bytes (incompressible); pattern 1: runs of 0xff/0x80 (compressible)
                    body[i] = pattern == 0 ? (byte) (0x80 | random.nextInt(128)) : (byte) ((i / 7) % 2 == 0 ? 0xff : 0x80);
                }
                ByteSink framed = framer.frame(body, 0, length);
                stream.write(framed.array(), 0, framed.length());
                expected.write(body);
            }
        }
        byte[] all = stream.toByteArray();
        assertThat(NativeBlocks.decode(all, all.length)).isEqualTo(expected.toByteArray());
        assertThat(ClickHouseCompressor.decompress(all, all.length)).isEqualTo(expected.toByteArray());
    }

    @Test
    void clickHouseCompressorDecodesAMultiBlockBody() throws Exception {
        ClickHouseCompressor.require();
        byte[] body = sqlLike(3 * NativeLz4Framer.DEFAULT_BLOCK_SIZE + 777);
        ByteSink framed = new NativeLz4Framer().frame(body, 0, body.length);
        assertThat(ClickHouseCompressor.decompress(framed.array(), framed.length())).isEqualTo(body);
    }

    static byte[] sqlLike(int length) {
        Random random = new Random(length);
        byte[] body = new byte[length];
        String[] words = {"('2025-01-27 08:00:00',", "'queue-", "éà✓🙂", "',42,38,3,78.05,", "\\'", "\\n"};
        int pos = 0;
        while (pos < length) {
            byte[] w = (words[random.nextInt(words.length)] + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
            int n = Math.min(w.length, length - pos);
            System.arraycopy(w, 0, body, pos, n);
            pos += n;
        }
        return body;
    }
}
