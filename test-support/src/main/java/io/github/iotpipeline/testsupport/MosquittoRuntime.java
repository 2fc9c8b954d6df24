package io.github.iotpipeline.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Where a test that needs Mosquitto itself gets it: the {@code mosquitto} binary ({@code MOSQUITTO_BIN}, else
 * {@code /usr/sbin/mosquitto} or the {@code PATH}), else a Mosquitto container when Docker runs. With neither,
 * the test is skipped by an assumption that says what is missing, and the reason is logged, as a warning, in the
 * build output.
 */
enum MosquittoRuntime {

    PROCESS, CONTAINER;

    private static final Logger log = LoggerFactory.getLogger(MosquittoRuntime.class);

    /** Detected once per JVM: empty when neither the binary nor Docker is there. */
    private static @Nullable Optional<MosquittoRuntime> detected;

    /** The runtime to use, or the calling test is skipped. */
    static MosquittoRuntime require() {
        Optional<MosquittoRuntime> runtime = detected();
        if (runtime.isEmpty()) {
            // The test class, by the project's naming; its helpers (a scenario, a fixture) say less.
            String caller = StackWalker.getInstance().walk(frames -> frames
                    .map(StackWalker.StackFrame::getClassName)
                    .filter(name -> name.endsWith("Tests"))
                    .findFirst().orElse("a test"));
            log.warn("SKIPPED {}: {}", caller, missing());
        }
        Assumptions.assumeTrue(runtime.isPresent(), MosquittoRuntime::missing);
        return runtime.orElseThrow();
    }

    /** Whether a Mosquitto can be had here, without skipping anything. */
    static boolean available() {
        return detected().isPresent();
    }

    private static synchronized Optional<MosquittoRuntime> detected() {
        if (detected == null) {
            detected = detect();
        }
        return detected;
    }

    /** The binary to run: {@code MOSQUITTO_BIN}, {@code /usr/sbin/mosquitto}, or the first on the {@code PATH}. */
    static Optional<Path> binary() {
        String configured = System.getenv("MOSQUITTO_BIN");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        Path debian = Path.of("/usr/sbin/mosquitto");
        if (Files.isExecutable(debian)) {
            return Optional.of(debian);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "mosquitto");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<MosquittoRuntime> detect() {
        if (binary().isPresent()) {
            return Optional.of(PROCESS);
        }
        return dockerRuns() ? Optional.of(CONTAINER) : Optional.empty();
    }

    private static boolean dockerRuns() {
        // Asked without a socket or DOCKER_HOST, Testcontainers logs an error listing what it tried.
        boolean configured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError noDocker) {
            return false;
        }
    }

    private static String missing() {
        String configured = System.getenv("MOSQUITTO_BIN");
        String binary = configured != null && !configured.isBlank()
                ? "MOSQUITTO_BIN=" + configured + " is not an executable"
                : "no mosquitto binary is installed (Debian: apt-get install mosquitto; or set MOSQUITTO_BIN)";
        return "needs Mosquitto itself, but " + binary + " and no Docker engine runs";
    }
}
