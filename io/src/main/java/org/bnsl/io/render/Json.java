package org.bnsl.io.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of bnsl (command line, server, library), and how numbers that may not be finite are written. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectMapper COMPACT = new ObjectMapper();

    private Json() {
    }

    /** Writes v, or null when it is NaN or infinite (JSON has no such numbers). */
    public static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    /** One line of JSON (for --jsonl). */
    public static String compact(Object node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pretty-printed JSON with a final line end (what {@code --json} prints). */
    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
