package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotpipeline.collector.CollectorApplication;
import io.github.iotpipeline.testsupport.TestDatabase;

/**
 * The collector as a JVM process of its own, so a test can kill it the way a crash or the OOM killer would:
 * SIGKILL, no shutdown hooks, no draining.
 */
final class CollectorProcess implements AutoCloseable {

    private final List<String> command;
    private final Path log;
    private Process process;

    CollectorProcess(TestDatabase database, String brokerUrl, String name, Path rawDirectory, Path log) {
        this.log = log;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CollectorApplication.class.getName(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--mqtt.url=" + brokerUrl,
                "--mqtt.client-id=" + name,
                "--mqtt.topic-root=" + name,
                "--collector.raw.directory=" + rawDirectory,
                "--server.port=0",
                "--spring.main.banner-mode=off"));
    }

    void start() {
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** SIGKILL: the process gets no chance to write or acknowledge anything. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        if (isAlive()) {
            kill();
        }
    }

    private void waitForExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
