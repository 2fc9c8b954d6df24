package io.github.iotpipeline.localstack;

/** Why the local stack cannot start, in one line for the user: printed without a stack trace. */
final class StartupFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StartupFailure(String message) {
        super(message);
    }

    StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
