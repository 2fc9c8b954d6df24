package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Mosquitto as a child process of the test JVM, with its configuration, persistence and log in the broker's
 * work directory. Used where the {@code mosquitto} binary is installed ({@link MosquittoRuntime#binary()}).
 */
final class ProcessRunner implements MosquittoProcess.Runner {

    private final Path workDir;
    private @Nullable Process process;

    ProcessRunner(Path workDir, int port, String configuration) throws IOException {
        this.workDir = workDir;
        String config = "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\n"
                + "persistence_location " + workDir + "/\n"
                + "log_dest file " + workDir.resolve("mosquitto.log") + "\n"
                // Started as root, Mosquitto would switch to its own user, which cannot write this
                // directory: no log and, worse, no persistence. It ignores the line when not root.
                + "user " + System.getProperty("user.name") + "\n"
                + configuration + "\n";
        Files.writeString(workDir.resolve("mosquitto.conf"), config);
    }

    @Override
    public void launch() {
        String binary = MosquittoRuntime.binary().orElseThrow().toString();
        try {
            process = new ProcessBuilder(List.of(binary, "-c", workDir.resolve("mosquitto.conf").toString()))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("stdout.log").toFile())
                    .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + binary, ex);
        }
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void stop() {
        if (isRunning()) {
            process.destroy();
            waitForExit();
        }
    }

    @Override
    public void kill() {
        if (isRunning()) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    @Override
    public String log() {
        try {
            Path log = workDir.resolve("mosquitto.log");
            return Files.exists(log) ? Files.readString(log) : "";
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
