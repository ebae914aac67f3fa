package org.bnsl.server;

import java.nio.charset.StandardCharsets;

/** The body of a successful answer and its media type (JSON by default; HTML and SVG for downloads). */
public record Answer(String contentType, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";

    /** JSON text, as the command line prints it with {@code --json}. */
    public static Answer json(String text) {
        return new Answer(JSON, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Answer of(String contentType, String text) {
        return new Answer(contentType, text.getBytes(StandardCharsets.UTF_8));
    }
}
