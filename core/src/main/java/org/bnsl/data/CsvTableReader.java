package org.bnsl.data;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bnsl.InputException;

/**
 * Reads CSV text with a header row into a {@link Table}, using Commons CSV.
 *
 * <p>Headers and values are trimmed, empty lines and lines of only spaces are ignored, quoted
 * fields may hold commas, quotes ({@code ""}) and line breaks. Each row's line is the physical
 * line where the record starts, found from the record's character position.
 */
final class CsvTableReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setTrim(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();

    private CsvTableReader() {}

    /** Parses {@code text} (any byte-order mark already removed). */
    static Table read(String source, String text) {
        LineCounter counter = new LineCounter(text);
        List<String> header = null;
        Set<String> names = new HashSet<>();
        ArrayList<String[]> rows = new ArrayList<>();
        int[] lines = new int[256];
        long breaksBefore = 0;
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) break;
                    record = records.next();
                } catch (UncheckedIOException e) {
                    throw malformed(source, text, breaksBefore, e.getCause());
                }
                breaksBefore = parser.getCurrentLineNumber();
                int line = counter.lineOfContentFrom(record.getCharacterPosition());
                int size = record.size();
                if (size == 1 && record.get(0).isEmpty()) {
                    continue; // a line of only spaces: as empty as an empty line
                }
                if (header == null) {
                    header = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        String name = record.get(i);
                        if (!name.isEmpty() && !names.add(name)) {
                            throw new InputException(source + ":" + line + ": duplicate column "
                                    + Table.quote(name) + " in the header");
                        }
                        header.add(name);
                    }
                    continue;
                }
                if (size != header.size()) {
                    throw new InputException(source + ":" + line + ": expected " + header.size()
                            + (header.size() == 1 ? " field" : " fields") + " like the header, found " + size);
                }
                String[] row = new String[size];
                for (int i = 0; i < size; i++) {
                    row[i] = record.get(i);
                }
                if (rows.size() == lines.length) {
                    lines = Arrays.copyOf(lines, lines.length * 2);
                }
                lines[rows.size()] = line;
                rows.add(row);
            }
        } catch (IOException e) {
            // Only close() declares it, and closing a StringReader does not fail.
            throw new InputException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (header == null) {
            throw new InputException(source + ": the file is empty");
        }
        if (rows.isEmpty()) {
            throw new InputException(source + ": no data rows after the header");
        }
        return new Table(source, header, rows.toArray(new String[0][]), Arrays.copyOf(lines, rows.size()));
    }

    /** Commons CSV's complaint, reworded and placed at the line where the broken record starts. */
    private static InputException malformed(String source, String text, long breaksBefore, IOException e) {
        int line = lineOfContentAfterBreaks(text, breaksBefore);
        String message = e.getMessage() == null ? "" : e.getMessage();
        String what;
        if (message.contains("EOF reached before encapsulated token finished")) {
            what = "a quoted field starts here but its closing '\"' is missing";
        } else if (message.contains("Invalid character between encapsulated token and delimiter")) {
            what = "text follows the closing '\"' of a quoted field"
                    + " (quote the whole field and double any '\"' inside it)";
        } else {
            what = Table.oneLine(message);
        }
        return new InputException(source + ":" + line + ": malformed CSV: " + what, e);
    }

    /** The line of the first non-blank character after {@code breaks} line breaks. */
    private static int lineOfContentAfterBreaks(String text, long breaks) {
        int offset = 0;
        for (long seen = 0; seen < breaks && offset < text.length(); offset++) {
            char c = text.charAt(offset);
            if (c == '\n' || (c == '\r' && (offset + 1 == text.length() || text.charAt(offset + 1) != '\n'))) {
                seen++;
            }
        }
        return new LineCounter(text).lineOfContentFrom(offset);
    }

    /**
     * Turns increasing character offsets into 1-based line numbers in one pass over the text;
     * a line break is LF, CRLF or a lone CR, as in Commons CSV.
     */
    static final class LineCounter {
        private final String text;
        private int position;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        /** The line of the first non-blank character at or after {@code offset}. */
        int lineOfContentFrom(long offset) {
            int target = (int) Math.min(offset, text.length());
            while (target < text.length() && Table.isBlank(text.charAt(target))) {
                target++;
            }
            for (; position < target; position++) {
                char c = text.charAt(position);
                if (c == '\n' || (c == '\r' && (position + 1 == text.length() || text.charAt(position + 1) != '\n'))) {
                    line++;
                }
            }
            return line;
        }
    }
}
