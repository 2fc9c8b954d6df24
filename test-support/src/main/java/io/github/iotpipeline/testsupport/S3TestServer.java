package io.github.iotpipeline.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotpipeline.embedded.LoopbackPorts;
import org.jspecify.annotations.Nullable;

/**
 * A real S3 API server for tests: s3proxy over a local directory, as a process of its own on a free loopback
 * port, with credentials that requests must be signed with. Stopping and starting it again keeps the objects.
 * <p>
 * It runs from s3proxy's self-contained jar, which the build of each module that uses it copies into target
 * and names in the system property {@code s3proxy.jar}: on the test classpath its Guice 7 (through jclouds)
 * would clash with the Guice 5 of the embedded MQTT broker.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path directory;
    private final int port = LoopbackPorts.free();
    private @Nullable Process process;

    private S3TestServer(Path directory) {
        this.directory = directory;
    }

    public static S3TestServer start(Path directory) throws IOException {
        S3TestServer server = new S3TestServer(directory);
        server.restart();
        return server;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Stops answering, as a store that is down; {@link #restart} brings it back on the same port. */
    public void stop() throws InterruptedException {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        if (!running.waitFor(10, TimeUnit.SECONDS)) {
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public void restart() throws IOException {
        Path blobs = Files.createDirectories(directory.resolve("blobs"));
        Path properties = directory.resolve("s3proxy.conf");
        Files.write(properties, List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                // The AWS SDK sends checksum headers s3proxy 2.6 does not know on some requests.
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process started = new ProcessBuilder(java, "-Xmx128m", "-jar", jar().toString(), "--properties",
                properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("s3proxy.log").toFile()))
                .start();
        process = started;
        awaitAnswering(started);
    }

    private void awaitAnswering(Process started) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (started.isAlive() && !answers()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("s3proxy did not listen on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s; see " + directory.resolve("s3proxy.log"));
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while s3proxy started", ex);
            }
        }
        if (!started.isAlive()) {
            throw new IllegalStateException("s3proxy exited with " + started.exitValue() + "; see "
                    + directory.resolve("s3proxy.log"));
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** The self-contained jar the build copies into target (see the pom of the module under test). */
    private static Path jar() {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No s3proxy jar at " + jar + ": run the tests through Maven");
        }
        return jar;
    }

    @Override
    public void close() throws InterruptedException {
        Process running = process;
        if (running != null && running.isAlive()) {
            stop();
        }
    }
}
