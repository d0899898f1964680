package org.queueanalytics.consumer.clickhouse.compression;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;

/** A test-side reader of native compressed streams: checks every checksum and size, and decompresses. */
final class NativeBlocks {
    record Block(int compressedSize, int uncompressedSize) {
    }

    private NativeBlocks() {
    }

    static List<Block> blocks(byte[] stream, int length) {
        List<Block> blocks = new ArrayList<>();
        decode(stream, length, blocks);
        return blocks;
    }

    static byte[] decode(byte[] stream, int length) {
        return decode(stream, length, new ArrayList<>());
    }

    private static byte[] decode(byte[] stream, int length, List<Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.wrap(stream, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            int start = in.position();
            long low = in.getLong();
            long high = in.getLong();
            byte method = in.get();
            int compressed = in.getInt();
            int uncompressed = in.getInt();
            if (method != (byte) 0x82) {
                throw new AssertionError("block at " + start + ": method " + method + ", expected 0x82");
            }
            if (compressed < 10 || uncompressed < 1) {
                throw new AssertionError("block at " + start + ": sizes " + compressed + "/" + uncompressed);
            }
            CityHash128.Hash expected = CityHash128.hash(stream, start + 16, compressed);
            if (expected.low() != low || expected.high() != high) {
                throw new AssertionError("block at " + start + ": checksum mismatch");
            }
            byte[] plain = new byte[uncompressed];
            LZ4Factory.safeInstance().fastDecompressor().decompress(stream, start + 25, plain, 0, uncompressed);
            out.write(plain, 0, plain.length);
            blocks.add(new Block(compressed, uncompressed));
            in.position(start + 16 + compressed);
        }
        return out.toByteArray();
    }
}
