package org.queueanalytics.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Drives a server through its control script: {@code SCRIPT stop|start DIR}. */
final class ScriptServerControl implements ServerControl {
    private static final long TIMEOUT_SECONDS = 120;
    private final Path script;
    private final Path dir;

    ScriptServerControl(Path script, Path dir) {
        this.script = script;
        this.dir = dir;
    }

    @Override
    public void stop() {
        run("stop");
    }

    @Override
    public void start() {
        run("start");
    }

    private void run(String verb) {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), verb, dir.toString()).redirectErrorStream(true);
        try {
            Process process = pb.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " " + verb + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " " + verb + " " + dir + " failed (exit " + process.exitValue() + "):\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script + " " + verb, e);
        }
    }
}
