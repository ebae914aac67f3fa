package org.bnsl.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bnsl.InputException;

/**
 * Reads a JSON array of flat objects into a {@link Table}, one row per object, with Jackson's
 * streaming parser (so every row knows the line its object opens on).
 *
 * <p>Values may be numbers (kept as written), strings, booleans or null (an empty cell); a field
 * an object lacks is an empty cell too. Columns are ordered by first appearance.
 */
final class JsonTableReader {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTableReader() {}

    /** Parses {@code text} (any byte-order mark already removed). */
    static Table read(String source, String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return read(source, parser);
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location != null && location.getLineNr() > 0 ? source + ":" + location.getLineNr() : source;
            String why = e.getOriginalMessage() == null ? "unreadable" : Table.oneLine(e.getOriginalMessage());
            throw new InputException(where + ": malformed JSON: " + why, e);
        } catch (IOException e) {
            throw new InputException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Table read(String source, JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_ARRAY) {
            throw new InputException(source + ":" + line(p) + ": expected a JSON array of objects, one per row, found "
                    + describe(t));
        }
        List<String> columns = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        ArrayList<String[]> rows = new ArrayList<>();
        int[] lines = new int[256];
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new InputException(source + ":" + line(p) + ": malformed JSON: the array is never closed");
            }
            int line = line(p);
            if (t != JsonToken.START_OBJECT) {
                throw new InputException(source + ":" + line + ": expected an object for each row, found " + describe(t));
            }
            String[] row = new String[Math.max(columns.size(), 4)];
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Integer c = index.get(name);
                if (c == null) {
                    c = columns.size();
                    index.put(name, c);
                    columns.add(name);
                }
                if (c >= row.length) {
                    row = Arrays.copyOf(row, Math.max(c + 1, 2 * row.length));
                }
                JsonToken v = p.nextToken();
                String value;
                switch (v) {
                    case VALUE_STRING:
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        value = p.getText();
                        break;
                    case VALUE_TRUE:
                        value = "true";
                        break;
                    case VALUE_FALSE:
                        value = "false";
                        break;
                    case VALUE_NULL:
                        value = "";
                        break;
                    default:
                        throw new InputException(source + ":" + line(p) + ": column " + Table.quote(name) + ": "
                                + describe(v) + " is not allowed, expected a number, string, boolean or null");
                }
                if (row[c] != null) {
                    throw new InputException(source + ":" + line(p) + ": column " + Table.quote(name)
                            + " appears twice in one object");
                }
                row[c] = value;
            }
            if (rows.size() == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[rows.size()] = line;
            rows.add(row);
        }
        if (p.nextToken() != null) {
            throw new InputException(source + ":" + line(p) + ": unexpected content after the closing ']'");
        }
        if (rows.isEmpty()) {
            throw new InputException(source + ": no data rows: the JSON array is empty");
        }
        int width = columns.size();
        String[][] cells = new String[rows.size()][];
        for (int r = 0; r < cells.length; r++) {
            String[] row = rows.get(r);
            if (row.length != width) {
                row = Arrays.copyOf(row, width);
            }
            for (int c = 0; c < width; c++) {
                if (row[c] == null) row[c] = "";
            }
            cells[r] = row;
        }
        return new Table(source, columns, cells, Arrays.copyOf(lines, cells.length));
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken t) {
        if (t == null) return "nothing";
        switch (t) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return t.asString() == null ? t.name() : "'" + t.asString() + "'";
        }
    }
}
