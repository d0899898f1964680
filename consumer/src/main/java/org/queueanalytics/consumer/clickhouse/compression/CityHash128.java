package org.queueanalytics.consumer.clickhouse.compression;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * CityHash128 <b>version 1.0.2</b>, the checksum of ClickHouse's native compressed blocks
 * (ClickHouse keeps that old version in {@code contrib/cityhash102}; today's CityHash gives
 * different answers). A straight port of the C++ with unsigned arithmetic made explicit:
 * {@code >>>} for shifts, and the 1–3 tail bytes read as unsigned ({@code & 0xFF}) — treating
 * them as signed Java bytes gives wrong checksums for inputs whose tail bytes are ≥ 0x80.
 *
 * <p>Stateless and thread-safe.
 */
public final class CityHash128 {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long K0 = 0xc3a5c85c97cb3127L;
    private static final long K1 = 0xb492b66fbe98f273L;
    private static final long K2 = 0x9ae16a3b2f90404fL;
    private static final long K3 = 0xc949d7c7509e6557L;
    private static final long K_MUL = 0x9ddfea08eb382d69L;

    /** A 128-bit hash; ClickHouse writes {@code low} then {@code high}, each little-endian. */
    public record Hash(long low, long high) {
        @Override
        public String toString() {
            return String.format("%016x%016x", low, high);
        }
    }

    private CityHash128() {
    }

    public static Hash hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** The hash of {@code data[offset, offset + length)}. */
    public static Hash hash(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length >= 16) {
            return withSeed(data, offset + 16, length - 16, fetch64(data, offset) ^ K3, fetch64(data, offset + 8));
        }
        if (length >= 8) {
            return withSeed(data, offset, 0, fetch64(data, offset) ^ (length * K0), fetch64(data, offset + length - 8) ^ K1);
        }
        return withSeed(data, offset, length, K0, K1);
    }

    private static Hash withSeed(byte[] s, int pos, int len, long seedLow, long seedHigh) {
        if (len < 128) {
            return cityMurmur(s, pos, len, seedLow, seedHigh);
        }
        // We expect len >= 128 to be the common case. Keep 56 bytes of state: v, w, x, y and z.
        long x = seedLow;
        long y = seedHigh;
        long z = len * K1;
        long v1 = Long.rotateRight(y ^ K1, 49) * K1 + fetch64(s, pos);
        long v2 = Long.rotateRight(v1, 42) * K1 + fetch64(s, pos + 8);
        long w1 = Long.rotateRight(y + z, 35) * K1 + x;
        long w2 = Long.rotateRight(x + fetch64(s, pos + 88), 53) * K1;
        long[] pair = new long[2];
        do {
            for (int half = 0; half < 2; half++) {
                x = Long.rotateRight(x + y + v1 + fetch64(s, pos + 16), 37) * K1;
                y = Long.rotateRight(y + v2 + fetch64(s, pos + 48), 42) * K1;
                x ^= w2;
                y ^= v1;
                z = Long.rotateRight(z ^ w1, 33);
                weakHashLen32WithSeeds(s, pos, v2 * K1, x + w1, pair);
                v1 = pair[0];
                v2 = pair[1];
                weakHashLen32WithSeeds(s, pos + 32, z + w2, y, pair);
                w1 = pair[0];
                w2 = pair[1];
                long swap = z;
                z = x;
                x = swap;
                pos += 64;
            }
            len -= 128;
        } while (len >= 128);
        y += Long.rotateRight(w1, 37) * K0 + z;
        x += Long.rotateRight(v1 + z, 49) * K0;
        // If 0 < len < 128, hash up to 4 chunks of 32 bytes each from the end of s.
        for (int tailDone = 0; tailDone < len; ) {
            tailDone += 32;
            y = Long.rotateRight(y - x, 42) * K0 + v2;
            w1 += fetch64(s, pos + len - tailDone + 16);
            x = Long.rotateRight(x, 49) * K0 + w1;
            w1 += v1;
            weakHashLen32WithSeeds(s, pos + len - tailDone, v1, v2, pair);
            v1 = pair[0];
            v2 = pair[1];
        }
        // Two different 48-byte-to-8-byte hashes give the 16-byte result.
        x = hashLen16(x, v1);
        y = hashLen16(y, w1);
        return new Hash(hashLen16(x + v2, w2) + y, hashLen16(x + w2, y + v2));
    }

    private static Hash cityMurmur(byte[] s, int pos, int len, long seedLow, long seedHigh) {
        long a = seedLow;
        long b = seedHigh;
        long c;
        long d;
        int l = len - 16;
        if (l <= 0) {
            a = shiftMix(a * K1) * K1;
            c = b * K1 + hashLen0to16(s, pos, len);
            d = shiftMix(a + (len >= 8 ? fetch64(s, pos) : c));
        } else {
            c = hashLen16(fetch64(s, pos + len - 8) + K1, a);
            d = hashLen16(b + len, c + fetch64(s, pos + len - 16));
            a += d;
            do {
                a ^= shiftMix(fetch64(s, pos) * K1) * K1;
                a *= K1;
                b ^= a;
                c ^= shiftMix(fetch64(s, pos + 8) * K1) * K1;
                c *= K1;
                d ^= c;
                pos += 16;
                l -= 16;
            } while (l > 0);
        }
        a = hashLen16(a, c);
        b = hashLen16(d, b);
        return new Hash(a ^ b, hashLen16(b, a));
    }

    private static long hashLen0to16(byte[] s, int pos, int len) {
        if (len > 8) {
            long a = fetch64(s, pos);
            long b = fetch64(s, pos + len - 8);
            return hashLen16(a, Long.rotateRight(b + len, len)) ^ b;
        }
        if (len >= 4) {
            long a = fetch32(s, pos);
            return hashLen16(len + (a << 3), fetch32(s, pos + len - 4));
        }
        if (len > 0) {
            // uint8 in the C++: these bytes must be read unsigned.
            int a = s[pos] & 0xFF;
            int b = s[pos + (len >>> 1)] & 0xFF;
            int c = s[pos + len - 1] & 0xFF;
            long y = (a + (b << 8)) & 0xFFFFFFFFL;
            long z = (len + (c << 2)) & 0xFFFFFFFFL;
            return shiftMix(y * K2 ^ z * K3) * K2;
        }
        return K2;
    }

    private static void weakHashLen32WithSeeds(byte[] s, int pos, long a, long b, long[] out) {
        long w = fetch64(s, pos);
        long x = fetch64(s, pos + 8);
        long y = fetch64(s, pos + 16);
        long z = fetch64(s, pos + 24);
        a += w;
        b = Long.rotateRight(b + a + z, 21);
        long c = a;
        a += x;
        a += y;
        b += Long.rotateRight(a, 44);
        out[0] = a + z;
        out[1] = b + c;
    }

    private static long hashLen16(long u, long v) {
        long a = (u ^ v) * K_MUL;
        a ^= a >>> 47;
        long b = (v ^ a) * K_MUL;
        b ^= b >>> 47;
        return b * K_MUL;
    }

    private static long shiftMix(long val) {
        return val ^ (val >>> 47);
    }

    private static long fetch64(byte[] s, int pos) {
        return (long) LONG_LE.get(s, pos);
    }

    private static long fetch32(byte[] s, int pos) {
        return ((int) INT_LE.get(s, pos)) & 0xFFFFFFFFL;
    }
}
