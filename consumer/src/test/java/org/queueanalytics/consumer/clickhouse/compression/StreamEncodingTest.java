package org.queueanalytics.consumer.clickhouse.compression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.Compression;

class StreamEncodingTest {
    private static final byte[] SQL = ("xxINSERT INTO analytics.queue_analytics VALUES " + "('q1',1,2),".repeat(500))
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void gzipBodiesDecompressToTheSqlTextAndSayGzip() throws IOException {
        EncodedBody body = new GzipEncoding().encode(SQL, 2, SQL.length - 2);

        assertThat(body.contentEncoding()).contains("gzip");
        assertThat(new GzipEncoding().compression()).isEqualTo(Compression.GZIP);
        assertThat(decoded(new GZIPInputStream(stream(body)))).isEqualTo(new String(SQL, 2, SQL.length - 2, StandardCharsets.UTF_8));
    }

    @Test
    void lz4FrameBodiesDecompressToTheSqlTextAndSayLz4() throws IOException {
        EncodedBody body = new Lz4FrameEncoding().encode(SQL, 2, SQL.length - 2);

        assertThat(body.contentEncoding()).contains("lz4");
        assertThat(new Lz4FrameEncoding().compression()).isEqualTo(Compression.LZ4_FRAME);
        assertThat(decoded(new LZ4FrameInputStream(stream(body)))).isEqualTo(new String(SQL, 2, SQL.length - 2, StandardCharsets.UTF_8));
    }

    @Test
    void aSecondBodyIsWhole() throws IOException {
        GzipEncoding gzip = new GzipEncoding();
        gzip.encode(SQL, 0, SQL.length);

        EncodedBody second = gzip.encode(SQL, 0, 10);

        assertThat(decoded(new GZIPInputStream(stream(second)))).isEqualTo("xxINSERT I");
    }

    private static InputStream stream(EncodedBody body) {
        return new ByteArrayInputStream(body.bytes(), 0, body.length());
    }

    private static String decoded(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
