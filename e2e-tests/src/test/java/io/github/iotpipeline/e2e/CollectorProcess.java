package io.github.iotpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotpipeline.collector.CollectorApplication;
import io.github.iotpipeline.embedded.LoopbackPorts;
import io.github.iotpipeline.testsupport.CollectorArguments;

/**
 * The collector as a JVM process of its own, so a test can end it the way an orchestrator does (SIGTERM) or
 * the way a crash or the OOM killer would (SIGKILL: no shutdown hooks, no draining). It keeps one Actuator
 * port across restarts, and appends every run's output to one log file.
 */
final class CollectorProcess implements AutoCloseable {

    /** Longer than any shutdown the collector may take, so a hang shows as a hang and not as a slow exit. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);

    private final List<String> command;
    private final Path log;
    private final int port;
    private final CollectorEndpoints endpoints;
    private Process process;
    private int starts;

    CollectorProcess(CollectorArguments arguments, Path log) {
        this.log = log.toAbsolutePath();
        this.port = LoopbackPorts.free();
        this.endpoints = new CollectorEndpoints(port);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CollectorApplication.class.getName()));
        command.addAll(arguments.with("server.address", "127.0.0.1").with("server.port", port)
                .with("spring.main.banner-mode", "off").commandLine());
    }

    void start() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            starts++;
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

    /**
     * SIGTERM, as an orchestrator stops a container, then waits for the process to end by itself.
     *
     * @return how long it took to exit; {@link #isAlive()} tells whether it did within the wait
     */
    Duration terminate() {
        long started = System.nanoTime();
        process.destroy();
        waitForExit();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** How many times this collector was started, to tell that a scenario needed no restart. */
    int starts() {
        return starts;
    }

    /** Resident memory of the running process, from {@code /proc/<pid>/status}; -1 where there is no /proc. */
    long residentKilobytes() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
        }
        catch (IOException ex) {
            return -1;
        }
    }

    CollectorEndpoints endpoints() {
        return endpoints;
    }

    Path log() {
        return log;
    }

    /** Names the log and, when the process has ended, its exit code: for failure messages. */
    String describe() {
        String state = process == null ? "never started"
                : process.isAlive() ? "running as pid " + process.pid()
                : "exited with " + process.exitValue();
        return "collector " + state + " (started " + starts + " times), log " + log;
    }

    @Override
    public void close() {
        if (isAlive()) {
            kill();
        }
    }

    private void waitForExit() {
        try {
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
