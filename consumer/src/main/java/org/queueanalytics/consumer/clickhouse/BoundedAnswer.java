package org.queueanalytics.consumer.clickhouse;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP answer body read to its end with bounded memory: the first {@code headLimit} bytes
 * and the last {@link #TAIL_BYTES}. The whole body is consumed, so an exception ClickHouse
 * appends after a long output is still seen (it lands in the tail).
 */
final class BoundedAnswer {
    static final int TAIL_BYTES = 64 * 1024;

    private final byte[] head;
    private final byte[] tail;
    private final long length;

    private BoundedAnswer(byte[] head, byte[] tail, long length) {
        this.head = head;
        this.tail = tail;
        this.length = length;
    }

    /** Reads bodies keeping at most {@code headLimit} + {@link #TAIL_BYTES} bytes. */
    static HttpResponse.BodyHandler<BoundedAnswer> handler(int headLimit) {
        return info -> new Subscriber(headLimit);
    }

    /** Whether bytes between the head and the tail were skipped. */
    boolean truncated() {
        return length > head.length + tail.length;
    }

    long length() {
        return length;
    }

    /** The whole body when it fit; else head, a marker and tail. */
    String text() {
        String start = new String(head, StandardCharsets.UTF_8);
        if (tail.length == 0) {
            return start;
        }
        String end = new String(tail, StandardCharsets.UTF_8);
        return truncated() ? start + "\n… (" + (length - head.length - tail.length) + " bytes skipped) …\n" + end : start + end;
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<BoundedAnswer> {
        private final int headLimit;
        private final ByteArrayOutputStream head = new ByteArrayOutputStream();
        private final byte[] ring = new byte[TAIL_BYTES];
        private long ringWritten;
        private long length;
        private final CompletableFuture<BoundedAnswer> result = new CompletableFuture<>();

        Subscriber(int headLimit) {
            this.headLimit = headLimit;
        }

        @Override
        public CompletionStage<BoundedAnswer> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    length++;
                    if (head.size() < headLimit) {
                        head.write(b);
                    } else {
                        ring[(int) (ringWritten++ % TAIL_BYTES)] = b;
                    }
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            int kept = (int) Math.min(ringWritten, TAIL_BYTES);
            byte[] tail = new byte[kept];
            long start = ringWritten - kept;
            for (int i = 0; i < kept; i++) {
                tail[i] = ring[(int) ((start + i) % TAIL_BYTES)];
            }
            result.complete(new BoundedAnswer(head.toByteArray(), tail, length));
        }
    }
}
