package io.github.iotpipeline.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/** Strict UTF-8: Java's usual decoding replaces bad bytes silently, which would hide a broken payload. */
public final class Utf8 {

    private Utf8() {
    }

    /** The text, or null when the bytes are not valid UTF-8. */
    public static @Nullable String decodeOrNull(byte[] bytes) {
        try {
            return decode(bytes);
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }

    /** The text; fails, naming the problem, when the bytes are not valid UTF-8. */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
