package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Mosquitto broker of the test's own, as a child process on a free loopback port, for tests that need a
 * particular configuration or a broker they may stop. The configuration is given without a listener; this
 * class adds one. Persistence, when configured, goes to a temporary directory of its own.
 */
public final class MosquittoProcess implements AutoCloseable {

    private final Path workDir;
    private final int port;
    private Process process;

    private MosquittoProcess(Path workDir, int port) {
        this.workDir = workDir;
        this.port = port;
    }

    /** Starts Mosquitto with the given configuration lines (no {@code listener} line). */
    public static MosquittoProcess start(String configuration) {
        try {
            Path dir = Files.createTempDirectory("mosquitto-test");
            int port = freePort();
            String config = "listener " + port + " 127.0.0.1\n"
                    + "allow_anonymous true\n"
                    + "persistence_location " + dir + "/\n"
                    + "log_dest file " + dir.resolve("mosquitto.log") + "\n"
                    // Started as root, Mosquitto would switch to its own user, which cannot write this
                    // directory: no log and, worse, no persistence. It ignores the line when not root.
                    + "user " + System.getProperty("user.name") + "\n"
                    + configuration + "\n";
            Files.writeString(dir.resolve("mosquitto.conf"), config);
            MosquittoProcess broker = new MosquittoProcess(dir, port);
            broker.launch();
            return broker;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Starts Mosquitto with the project's configuration file, less the lines that name the container's
     * listener, paths and log destination, which this class sets for the test.
     */
    public static MosquittoProcess startWithProjectConfig(Path configFile) {
        try {
            String kept = Files.readAllLines(configFile).stream()
                    .map(String::strip)
                    .filter(line -> !line.startsWith("listener") && !line.startsWith("persistence_location")
                            && !line.startsWith("log_dest") && !line.startsWith("allow_anonymous"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            return start(kept);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts Mosquitto with its default settings, apart from the listener. */
    public static MosquittoProcess startWithDefaults() {
        return start("");
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the broker cleanly, so that it saves its persistent state. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    /** Starts the broker again on the same port with the same state directory. */
    public void restart() {
        stop();
        launch();
    }

    public String log() {
        try {
            Path log = workDir.resolve("mosquitto.log");
            return Files.exists(log) ? Files.readString(log) : "";
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitForExit();
        }
        deleteQuietly(workDir);
    }

    private void launch() {
        try {
            process = new ProcessBuilder(List.of(binary(), "-c", workDir.resolve("mosquitto.conf").toString()))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("stdout.log").toFile())
                    .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start mosquitto; install it or set MOSQUITTO_BIN", ex);
        }
        awaitListening();
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            }
            catch (IOException notYet) {
                pause();
            }
        }
        throw new IllegalStateException("mosquitto did not listen on port " + port + " within 10 s");
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static String binary() {
        String configured = System.getenv("MOSQUITTO_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }
}
