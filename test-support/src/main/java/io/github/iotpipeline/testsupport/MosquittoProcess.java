package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

import io.github.iotpipeline.embedded.LoopbackPorts;

/**
 * A Mosquitto broker of the test's own on a free loopback port, for tests that need Mosquitto itself: a
 * particular configuration, its default limits, or a broker they may stop and restart with its persistence.
 * It runs as a child process when the {@code mosquitto} binary is installed, else as a container when Docker
 * runs; with neither, {@link #start(String)} skips the calling test (see {@link MosquittoRuntime}).
 * <p>
 * The configuration is given without a listener; this class adds one. Persistence, when configured, goes to
 * a directory of the broker's own.
 */
public final class MosquittoProcess implements OwnBroker {

    private final Path workDir;
    private final int port;
    private final Runner runner;

    private MosquittoProcess(Path workDir, int port, Runner runner) {
        this.workDir = workDir;
        this.port = port;
        this.runner = runner;
    }

    /** Whether tests that need Mosquitto can run here: the binary is installed, or Docker runs. */
    public static boolean available() {
        return MosquittoRuntime.available();
    }

    /**
     * Skips the calling test, with a line in the build output saying what is missing, unless Mosquitto can be
     * had. Called in a test method (not in {@code @BeforeAll}) so that the build counts the test as skipped.
     */
    public static void assumeAvailable() {
        MosquittoRuntime.require();
    }

    /** Starts Mosquitto with the given configuration lines (no {@code listener} line). */
    public static MosquittoProcess start(String configuration) {
        MosquittoRuntime runtime = MosquittoRuntime.require();
        try {
            Path dir = Files.createTempDirectory("mosquitto-test");
            int port = LoopbackPorts.free();
            Runner runner = runtime == MosquittoRuntime.PROCESS
                    ? new ProcessRunner(dir, port, configuration)
                    : new ContainerRunner(port, configuration);
            MosquittoProcess broker = new MosquittoProcess(dir, port, runner);
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
                    .collect(Collectors.joining("\n"));
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

    @Override
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the broker cleanly, so that it saves its persistent state. */
    @Override
    public void stop() {
        runner.stop();
    }

    /** Starts the broker again on the same port with the same state. */
    @Override
    public void restart() {
        stop();
        launch();
    }

    @Override
    public String log() {
        return runner.log();
    }

    @Override
    public void close() {
        runner.kill();
        TemporaryFiles.deleteQuietly(workDir);
    }

    private void launch() {
        runner.launch();
        awaitListening();
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!runner.isRunning()) {
                throw new IllegalStateException("mosquitto exited: " + log());
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

    private static void pause() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** One way of running the broker. */
    interface Runner {

        void launch();

        boolean isRunning();

        /** A clean stop: Mosquitto saves its persistent state. */
        void stop();

        /** The end: no clean stop needed. */
        void kill();

        String log();
    }
}
