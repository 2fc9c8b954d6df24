package io.github.iotpipeline.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole pipeline on a machine that has nothing but a JDK: {@code ./mvnw -pl local-stack -am
 * spring-boot:run}. Ctrl-C or SIGTERM stops it; the next start finds every stored reading again.
 */
public final class LocalStackApplication {

    private LocalStackApplication() {
    }

    /** Logging configuration of the whole JVM; HiveMQ's jar carries a logback.xml that would win otherwise. */
    static final String LOGGING_CONFIG = "local-stack-logback.xml";

    /**
     * The logger of what the user reads as the command's own output: the banner, and why the stack cannot start.
     * {@link #LOGGING_CONFIG} prints its lines as they are, information on standard output and errors on
     * standard error.
     */
    static final String CONSOLE = "io.github.iotpipeline.localstack.console";

    public static void main(String[] args) {
        // Logback reads the property once, now; Spring Boot, told the same file by logging.config, would warn
        // about it later.
        System.setProperty("logback.configurationFile", LOGGING_CONFIG);
        LoggerFactory.getILoggerFactory();
        System.clearProperty("logback.configurationFile");
        Logger console = LoggerFactory.getLogger(CONSOLE);
        LocalStack stack = new LocalStack();
        // Before anything starts, so that Ctrl-C at any moment stops, in order, whatever is running: the servers'
        // own threads keep the JVM alive, and this hook is the one way it stops.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        try {
            stack.start(LocalStackSettings.from(System.getenv()),
                    addresses -> console.info("{}", Banner.of(addresses)));
        }
        catch (RuntimeException ex) {
            if (stack.closing()) {
                return; // stopped by the user while starting; the hook has done the rest
            }
            // One line, no stack trace: what went wrong is the user's to fix (a port, a second stack, a disk).
            console.error("local-stack: cannot start: {}", reason(ex));
            System.exit(1);
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof StartupFailure) {
            return failure.getMessage();
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return failure.getMessage() != null && !failure.getMessage().equals(message)
                ? failure.getMessage() + " (" + message + ")" : message;
    }
}
