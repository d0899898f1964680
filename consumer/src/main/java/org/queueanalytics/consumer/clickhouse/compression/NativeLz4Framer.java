package org.queueanalytics.consumer.clickhouse.compression;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.queueanalytics.consumer.clickhouse.bytes.ByteSink;

/**
 * Cuts a byte stream into ClickHouse native compressed blocks (what {@code ?decompress=1}
 * reads on every server version, and what {@code clickhouse-compressor} writes):
 * <pre>
 * [16 B checksum: CityHash128 v1.0.2 of the rest of the block, low64 LE, high64 LE]
 * [1 B method 0x82 = LZ4][4 B LE compressed size = payload + 9][4 B LE uncompressed size][raw LZ4 block]
 * </pre>
 * Blocks hold at most {@link #DEFAULT_BLOCK_SIZE} (1 MiB) of input; an empty input yields no
 * block at all (current servers reject zero-length blocks), and every block uses LZ4 even
 * when it does not shrink (servers reject a stream whose blocks change method).
 *
 * <p>Not thread-safe: it owns a reusable output buffer. Use one per thread.
 */
public final class NativeLz4Framer {
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    static final int CHECKSUM_SIZE = 16;
    static final int HEADER_SIZE = 9;
    static final byte METHOD_LZ4 = (byte) 0x82;

    private final LZ4Compressor compressor;
    private final int blockSize;
    private final ByteSink out;

    public NativeLz4Framer() {
        this(DEFAULT_BLOCK_SIZE, new ByteSink(64 * 1024, 64 * 1024 * 1024));
    }

    public NativeLz4Framer(int blockSize, ByteSink out) {
        if (blockSize < 1 || blockSize > DEFAULT_BLOCK_SIZE) {
            throw new IllegalArgumentException("NativeLz4Framer: block size must be 1.." + DEFAULT_BLOCK_SIZE + " (was " + blockSize + ")");
        }
        this.compressor = LZ4Factory.fastestInstance().fastCompressor();
        this.blockSize = blockSize;
        this.out = out;
    }

    /**
     * Frames {@code src[offset, offset + length)}. The result is the sink's contents
     * ({@code array()}, {@code [0, length())}), valid until the next call.
     */
    public ByteSink frame(byte[] src, int offset, int length) {
        out.reset();
        int end = offset + length;
        for (int pos = offset; pos < end; pos += blockSize) {
            writeBlock(src, pos, Math.min(blockSize, end - pos));
        }
        return out;
    }

    private void writeBlock(byte[] src, int pos, int len) {
        int maxPayload = compressor.maxCompressedLength(len);
        int start = out.reserve(CHECKSUM_SIZE + HEADER_SIZE + maxPayload);
        byte[] buf = out.array();
        int header = start + CHECKSUM_SIZE;
        int payload = header + HEADER_SIZE;
        int compressed = compressor.compress(src, pos, len, buf, payload, maxPayload);
        buf[header] = METHOD_LZ4;
        putIntLe(buf, header + 1, compressed + HEADER_SIZE);
        putIntLe(buf, header + 5, len);
        CityHash128.Hash checksum = CityHash128.hash(buf, header, HEADER_SIZE + compressed);
        putLongLe(buf, start, checksum.low());
        putLongLe(buf, start + 8, checksum.high());
        out.advance(CHECKSUM_SIZE + HEADER_SIZE + compressed);
    }

    static void putIntLe(byte[] buf, int pos, int value) {
        buf[pos] = (byte) value;
        buf[pos + 1] = (byte) (value >>> 8);
        buf[pos + 2] = (byte) (value >>> 16);
        buf[pos + 3] = (byte) (value >>> 24);
    }

    static void putLongLe(byte[] buf, int pos, long value) {
        putIntLe(buf, pos, (int) value);
        putIntLe(buf, pos + 4, (int) (value >>> 32));
    }
}
