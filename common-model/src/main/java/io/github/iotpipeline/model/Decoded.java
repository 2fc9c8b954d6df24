package io.github.iotpipeline.model;

/** The outcome of reading a payload: either a reading or the specific reason it is not one. */
public sealed interface Decoded {

    /** The payload is a valid reading. */
    record Accepted(SensorReading reading) implements Decoded {
    }

    /** The payload is not a valid reading; {@code detail} says exactly what is wrong, for a human. */
    record Rejected(RejectReason reason, String detail) implements Decoded {

        @Override
        public String toString() {
            return reason.code() + ": " + detail;
        }
    }

    static Rejected rejected(RejectReason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
