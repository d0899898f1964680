package org.queueanalytics.consumer.clickhouse.compression;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code clickhouse-compressor} binary (package clickhouse-tools) as a test oracle for
 * native compressed streams. Absent binary: the test is skipped — unless {@code CI} is set,
 * where it fails instead (CI installs the tools, so absence there is a broken setup).
 */
final class ClickHouseCompressor {
    private static final Path[] CANDIDATES = {Path.of("/usr/bin/clickhouse-compressor"), Path.of("/usr/local/bin/clickhouse-compressor")};

    private ClickHouseCompressor() {
    }

    static Path require() {
        for (Path p : CANDIDATES) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
            throw new AssertionError("clickhouse-compressor is not installed, and CI is set: install clickhouse-tools");
        }
        assumeTrue(false, "clickhouse-compressor not installed (apt-get install clickhouse-tools); skipped outside CI");
        throw new IllegalStateException("unreachable");
    }

    /** The output of {@code clickhouse-compressor -d} for {@code stream}; fails with its stderr on a non-zero exit. */
    static byte[] decompress(byte[] stream, int length) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(require().toString(), "-d").start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stream, 0, length);
        } catch (IOException e) {
            // the process may have exited early on a bad block: its exit code and stderr tell why
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("clickhouse-compressor -d did not finish in 60 s");
        }
        if (p.exitValue() != 0) {
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            throw new AssertionError("clickhouse-compressor -d rejected the stream (exit " + p.exitValue() + "): "
                    + stderr.lines().findFirst().orElse(""));
        }
        return out.join();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
