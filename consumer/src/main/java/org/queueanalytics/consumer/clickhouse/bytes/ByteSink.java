package org.queueanalytics.consumer.clickhouse.bytes;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array that is reused from one request body to the next, so encoding a
 * batch does not allocate per row or per batch. Unlike {@link java.io.ByteArrayOutputStream}
 * it exposes its array (no copy) and is not synchronized.
 *
 * <p>Not thread-safe: one owner thread. After {@link #reset()} the previous contents are
 * invalid, so whoever hands out {@link #array()} must be done with it before the next reset.
 * A sink keeps its largest capacity, up to {@code retainedCapacity}: {@link #reset()} drops
 * a buffer that grew beyond it (one huge batch does not pin that memory for ever).
 */
public final class ByteSink extends OutputStream {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final int initialCapacity;
    private final int retainedCapacity;
    private byte[] buf;
    private int count;

    public ByteSink(int initialCapacity, int retainedCapacity) {
        if (initialCapacity < 16 || retainedCapacity < initialCapacity) {
            throw new IllegalArgumentException("ByteSink: need 16 <= initialCapacity <= retainedCapacity (was "
                    + initialCapacity + ", " + retainedCapacity + ")");
        }
        this.initialCapacity = initialCapacity;
        this.retainedCapacity = retainedCapacity;
        this.buf = new byte[initialCapacity];
    }

    /** Empties the sink; shrinks it back to its initial capacity when it grew beyond the retained capacity. */
    public void reset() {
        count = 0;
        if (buf.length > retainedCapacity) {
            buf = new byte[initialCapacity];
        }
    }

    /** The backing array; bytes {@code [0, length())} are the contents. Valid until the next write or reset. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return count;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    /** Makes room for {@code extra} more bytes and returns the write position. */
    public int reserve(int extra) {
        ensureCapacity(count + extra);
        return count;
    }

    /** Declares {@code n} bytes written directly into {@link #array()} after {@link #reserve(int)}. */
    public void advance(int n) {
        if (n < 0 || count + n > buf.length) {
            throw new IndexOutOfBoundsException("advance " + n + " at " + count + " of " + buf.length);
        }
        count += n;
    }

    @Override
    public void write(int b) {
        if (count == buf.length) {
            ensureCapacity(count + 1);
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] src, int off, int len) {
        ensureCapacity(count + len);
        System.arraycopy(src, off, buf, count, len);
        count += len;
    }

    /** Writes the characters of an ASCII-only string (each char is one byte; callers guarantee ASCII). */
    public void writeAscii(String ascii) {
        int len = ascii.length();
        ensureCapacity(count + len);
        for (int i = 0; i < len; i++) {
            buf[count++] = (byte) ascii.charAt(i);
        }
    }

    private void ensureCapacity(int needed) {
        if (needed < 0 || needed > MAX_ARRAY) {
            throw new OutOfMemoryError("request body larger than 2 GiB");
        }
        if (needed > buf.length) {
            int grown = (int) Math.min(MAX_ARRAY, Math.max((long) buf.length * 2, needed));
            buf = Arrays.copyOf(buf, grown);
        }
    }
}
