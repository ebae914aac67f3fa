package org.bnsl.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bnsl.InputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The server's JSON: its mapper (with tight read limits), the error body, and a bounded body read. */
final class Http {
    /** Requests nest a few levels (a model file inside a request); 200 leaves room and refuses a bomb. */
    static final int MAX_NESTING = 200;

    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .maxNumberLength(400).build());
    }

    private Http() {
    }

    /** {@code {"error": {"code", "message", "where"}}}. */
    static String errorJson(String code, String message, String where) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("code", code);
        e.put("message", message == null ? "" : message);
        if (where == null) e.putNull("where");
        else e.put("where", where);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The body, at most {@code max} bytes; more is a 413. */
    static byte[] readBounded(InputStream in, long max) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (data.length > max) {
            throw tooLarge(max);
        }
        return data;
    }

    static ApiException tooLarge(long max) {
        return new ApiException(413, "too_large", "the request is larger than this server's cap of " + size(max)
                + " (bnsl serve --max-upload)", null);
    }

    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MB";
        if (bytes >= 1024 && bytes % 1024 == 0) return bytes / 1024 + " KB";
        return bytes + " bytes";
    }

    /** What is wrong with a JSON text, in one line with its line and column. */
    static String jsonProblem(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        m = m == null ? "unreadable" : m.replace('\n', ' ').replace('\r', ' ');
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            m += " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")";
        }
        return ApiRequest.clip(m.length() > 200 ? m.substring(0, 200) + "…" : m);
    }

    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)");

    /**
     * An {@link InputException} as the API says it: the command line's option names in the request's
     * snake_case ({@code --holdout-above} → {@code holdout_above}), and where: the first option named,
     * else the data ({@code csv}, {@code rows}) when the message starts with its name.
     */
    static ApiException fromInput(RuntimeException e, ApiRequest request) {
        String m = e.getMessage() == null ? "bad input" : e.getMessage().replace('\n', ' ').replace('\r', ' ');
        String where = null;
        Matcher o = OPTION.matcher(m);
        StringBuilder sb = new StringBuilder();
        while (o.find()) {
            String field = o.group(1).replace('-', '_');
            if (where == null) where = field;
            o.appendReplacement(sb, Matcher.quoteReplacement(field));
        }
        o.appendTail(sb);
        String source = request == null ? null : request.source();
        if (where == null && source != null && m.startsWith(source)) {
            where = request.dataField();
        }
        return ApiException.badInput(sb.toString(), where == null ? null : where.toLowerCase(Locale.ROOT));
    }
}
