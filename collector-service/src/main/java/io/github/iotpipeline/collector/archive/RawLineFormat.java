package io.github.iotpipeline.collector.archive;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

import io.github.iotpipeline.model.IsoTimestamps;
import io.github.iotpipeline.model.Utf8;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * One archive line per message: a JSON object with the receive time, the topic, the delivery flags and the
 * payload exactly as received. A payload that is valid UTF-8 is kept as a string under {@code payload}
 * (JSON escaping keeps newlines and control characters inside the line); any other payload is kept as
 * {@code payload_base64}. So every line is valid JSON whatever arrived.
 */
final class RawLineFormat {

    // Lines are formatted on the writer thread: a buffer of its own, where the default shared deque showed in
    // the writer's profile during a catch-up (as it had in the codec's).
    private final JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();

    byte[] format(ArchiveEntry message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.payload().length + 160);
        try (JsonGenerator json = factory.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("received_at", IsoTimestamps.format(message.receivedAt()));
            json.writeStringProperty("topic", message.topic());
            json.writeNumberProperty("qos", message.qos());
            json.writeBooleanProperty("retained", message.retained());
            json.writeBooleanProperty("duplicate", message.duplicate());
            String text = Utf8.decodeOrNull(message.payload());
            if (text != null) {
                json.writeStringProperty("payload", text);
            }
            else {
                json.writeStringProperty("payload_base64", Base64.getEncoder().encodeToString(message.payload()));
            }
            json.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }
}
