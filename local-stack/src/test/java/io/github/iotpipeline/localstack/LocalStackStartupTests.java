package io.github.iotpipeline.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad configuration stops the start before anything runs, with one line and no stack trace. */
class LocalStackStartupTests {

    @TempDir
    Path dataDirectory;

    @Test
    void exitsWithOneLineNamingAnExplicitPortThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result result = run(Map.of("MQTT_PORT", String.valueOf(taken.getLocalPort())));

            assertThat(result.exitCode()).isEqualTo(1);
            // Before it, at most the notes on default ports that gave way (PostgreSQL's 5432 may be taken).
            assertThat(result.lines()).last().isEqualTo("local-stack: cannot start: Port " + taken.getLocalPort()
                    + " for the MQTT broker (MQTT_PORT) is already in use: stop what listens there, or set MQTT_PORT"
                    + " to another port");
            assertThat(result.lines()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
        }
    }

    @Test
    void exitsWithOneLineNamingAPortVariableThatIsNotANumber() throws Exception {
        Result result = run(Map.of("POSTGRES_PORT", "five"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines())
                .containsExactly("local-stack: cannot start: POSTGRES_PORT=five is not a port number (1 to 65535)");
    }

    private record Result(int exitCode, List<String> lines) {
    }

    private Result run(Map<String, String> environment) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LocalStackApplication.class.getName()).redirectErrorStream(true);
        builder.environment().put("LOCAL_STACK_DATA_DIR", dataDirectory.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited within 60 s").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output.lines().filter(line -> !line.isBlank()).toList());
    }
}
