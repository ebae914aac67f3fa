package org.bnsl.server;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bnsl.InputException;
import org.bnsl.data.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fields of one API request, from a JSON object or a multipart form (where every field is text),
 * read with the names and checks of the command line's options in snake_case ({@code holdout_above}
 * for {@code --holdout-above}). Every field must be read by the endpoint: {@link #checkAllRead()}
 * refuses one it does not honour, as the command line refuses an unknown option.
 */
public final class ApiRequest {
    private final ObjectNode fields;
    private final Set<String> read = new LinkedHashSet<>();
    private String source;
    private String field;

    public ApiRequest(ObjectNode fields) {
        this.fields = fields;
    }

    public ObjectNode fields() {
        return fields;
    }

    public boolean has(String name) {
        JsonNode n = fields.get(name);
        return n != null && !n.isNull();
    }

    /** A text field, or null when absent. A number is taken as its text. */
    public String string(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isTextual() || n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        throw ApiException.badInput(name + ": expected text, got " + kind(n), name);
    }

    /** A number field (a JSON number or its text), or null when absent. */
    public Double number(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                throw ApiException.badInput(name + ": '" + clip(n.asText()) + "' is not a number", name);
            }
        }
        throw ApiException.badInput(name + ": expected a number, got " + kind(n), name);
    }

    /** A whole-number field, or null when absent. */
    public Integer integer(String name) {
        Double d = number(name);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw ApiException.badInput(name + ": expected a whole number, got " + fields.get(name), name);
        }
        return d.intValue();
    }

    /** A true/false field (JSON boolean, or the text true/false/on), false when absent. */
    public boolean flag(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String t = n.isTextual() ? n.asText().trim().toLowerCase(Locale.ROOT) : "";
        if (t.equals("true") || t.equals("on") || t.equals("1")) {
            return true;
        }
        if (t.equals("false") || t.equals("off") || t.equals("0") || t.isEmpty() && n.isTextual()) {
            return false;
        }
        throw ApiException.badInput(name + ": expected true or false, got " + clip(n.toString()), name);
    }

    /** A list of text: a JSON array, or one text split at commas; null when absent. */
    public List<String> strings(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (!(e.isTextual() || e.isNumber())) {
                    throw ApiException.badInput(name + ": expected a list of text, found " + kind(e), name);
                }
                out.add(e.asText());
            }
        } else if (n.isTextual() || n.isNumber()) {
            for (String s : n.asText().split(",", -1)) out.add(s.trim());
        } else {
            throw ApiException.badInput(name + ": expected a list, got " + kind(n), name);
        }
        return out;
    }

    /** A JSON object field (e.g. a model file), from JSON or from text holding JSON; null when absent. */
    public JsonNode object(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            try {
                n = Http.MAPPER.readTree(n.asText());
            } catch (java.io.IOException e) {
                throw ApiException.badInput(name + ": not JSON: " + Http.jsonProblem(e), name);
            }
        }
        if (!n.isObject()) {
            throw ApiException.badInput(name + ": expected a JSON object, got " + kind(n), name);
        }
        return n;
    }

    /**
     * The data of the request as a table: {@code csv} (CSV text, or a JSON array of objects) or
     * {@code rows} (an array of flat objects), exactly one of them. Read in memory, never written to
     * disk. {@code name} (a file name; a multipart upload's file name by default) names the data as a
     * file would on the command line: in messages, with the line and column, and as the name of a
     * single curve (its stem); without it the name is {@code csv} or {@code rows}.
     */
    public Table table() {
        boolean csv = has("csv");
        boolean rows = has("rows");
        String name = string("name");
        if (name != null && (name.isBlank() || name.length() > 200)) {
            throw ApiException.badInput("name: expected a file name of 1 to 200 characters", "name");
        }
        source = name != null ? name : csv ? "csv" : "rows";
        if (csv == rows) {
            read.add("csv");
            read.add("rows");
            throw ApiException.badInput(csv ? "give csv or rows, not both" : "no data: give \"csv\": \"<CSV text>\" or \"rows\": [{...}]",
                    "csv");
        }
        try {
            if (csv) {
                return Table.read(source, new StringReader(string("csv")), Table.Format.AUTO);
            }
            JsonNode r = node("rows");
            if (!r.isArray()) {
                throw ApiException.badInput("rows: expected an array of objects, got " + kind(r), "rows");
            }
            return Table.read(source, new StringReader(r.toString()), Table.Format.JSON);
        } catch (InputException e) {
            throw ApiException.badInput(e.getMessage(), csv ? "csv" : "rows");
        }
    }

    /** The name of the data in messages ({@code csv}, {@code rows} or the {@code name} given); null before {@link #table()}. */
    public String source() {
        return source;
    }

    /** Which field holds the data: {@code csv} or {@code rows} (or what {@link #source(String, String)} said). */
    String dataField() {
        return field != null ? field : has("rows") && !has("csv") ? "rows" : "csv";
    }

    /** Names the input read from a field other than the data (a model file): messages starting with {@code name} concern {@code field}. */
    void source(String name, String field) {
        this.source = name;
        this.field = field;
    }

    /** The request's fields without its data, as one line of JSON (for the report's "made by" line). */
    public String summary() {
        ObjectNode copy = fields.deepCopy();
        copy.remove(List.of("csv", "rows"));
        String t = copy.toString().replace("\n", " ");
        return t.length() > 400 ? t.substring(0, 400) + "…" : t;
    }

    /** Refuses a field the endpoint did not read, naming the nearest one it knows. */
    public void checkAllRead() {
        for (Iterator<String> it = fields.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!read.contains(name)) {
                String guess = Table.closest(name, new ArrayList<>(read));
                throw ApiException.badInput("unknown field '" + clip(name) + "'"
                        + (guess != null ? "; did you mean '" + guess + "'?" : "; the fields are " + String.join(", ", read)), name);
            }
        }
    }

    /** Marks fields as known to the endpoint (read or deliberately ignored) without reading them. */
    public void known(String... names) {
        read.addAll(List.of(names));
    }

    private JsonNode node(String name) {
        read.add(name);
        JsonNode n = fields.get(name);
        return n == null || n.isNull() ? null : n;
    }

    private static String kind(JsonNode n) {
        return n.isObject() ? "an object" : n.isArray() ? "an array" : n.isBoolean() ? "true/false" : n.isNumber() ? "a number"
                : n.isTextual() ? "text" : n.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    static String clip(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
}
