package org.bnsl.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.bnsl.InputException;

/**
 * A table the user gave us, as raw string cells: a header of column names and rows of text.
 *
 * <p>Immutable. It is read from CSV (a header row, comma separated, quotes allowed, whitespace
 * around headers and values trimmed, empty lines ignored) or from a JSON array of flat objects
 * (see {@link Format}). A UTF-8 byte-order mark at the start is dropped. Every row remembers the
 * physical line of the file it starts on, so every problem found later can be reported as
 * {@code file:line: column 'name': what was expected}.
 *
 * <p>Cells stay text until asked for: {@link #number(int, int)} parses one and throws an
 * {@link InputException} with a one-line message naming the file, line and column when the cell
 * is empty, not a number, or not finite. Reading never lets an {@code IOException} or a parser's
 * own exception escape; they all become {@link InputException}s.
 */
public final class Table {

    /** How to read the text. */
    public enum Format {
        /** JSON when the first non-blank character is {@code [}, CSV otherwise. */
        AUTO,
        /** Comma-separated values with a header row. */
        CSV,
        /** A JSON array of flat objects; column order is the order of first appearance. */
        JSON
    }

    private static final int MAX_SHOWN = 60;
    private static final int MAX_LISTED_COLUMNS = 30;

    private final String source;
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final String[][] rows;
    private final int[] lines;

    /** Takes ownership of the arrays; the readers check headers and row widths before calling. */
    Table(String source, List<String> columns, String[][] rows, int[] lines) {
        this.source = source;
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.lines = lines;
        this.index = new HashMap<>();
        for (int c = 0; c < this.columns.size(); c++) {
            index.putIfAbsent(this.columns.get(c), c);
        }
    }

    /**
     * A table of cells already in memory (a group of a Spark Dataset, say), named {@code source} in
     * messages, with the line each row is reported at. Copies nothing: the arrays become the table's.
     *
     * @throws IllegalArgumentException when a row's width differs from the header's, or the lines do not match the rows
     */
    public static Table of(String source, List<String> columns, String[][] rows, int[] lines) {
        Objects.requireNonNull(source, "source");
        if (lines.length != rows.length) {
            throw new IllegalArgumentException(lines.length + " lines for " + rows.length + " rows");
        }
        for (String[] row : rows) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.length + " cells under " + columns.size() + " columns");
            }
        }
        return new Table(source, columns, rows, lines);
    }

    /**
     * Reads a UTF-8 file: JSON when its name ends in {@code .json} (any case) or its first
     * non-blank character is {@code [}, CSV otherwise. The source name in messages is
     * {@code file.toString()}, the path as the user gave it.
     *
     * @throws InputException if the file cannot be read or is not a well-formed table
     */
    public static Table read(Path file) {
        String source = file.toString();
        Format format = source.toLowerCase(Locale.ROOT).endsWith(".json") ? Format.JSON : Format.AUTO;
        if (Files.isDirectory(file)) {
            throw new InputException(source + ": cannot read: it is a directory");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
        return parse(source, text, format);
    }

    /**
     * Reads a table from {@code reader} (which is not closed), calling it {@code sourceName} in
     * messages.
     *
     * @throws InputException if reading fails or the text is not a well-formed table
     */
    public static Table read(String sourceName, Reader reader, Format format) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(format, "format");
        StringBuilder sb = new StringBuilder(8192);
        char[] buffer = new char[8192];
        try {
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                sb.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw cannotRead(sourceName, e);
        }
        return parse(sourceName, sb.toString(), format);
    }

    private static Table parse(String source, String text, Format format) {
        int start = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        int first = start;
        while (first < text.length() && isBlank(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            throw new InputException(source + ": the file is empty");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = 1;
            for (int i = 0; i < nul; i++) {
                if (text.charAt(i) == '\n') line++;
            }
            throw new InputException(source + ":" + line + ": a NUL byte: this is not a text file (or not UTF-8: save it as UTF-8)");
        }
        String body = start == 0 ? text : text.substring(start);
        if (format == Format.AUTO) {
            format = text.charAt(first) == '[' ? Format.JSON : Format.CSV;
        }
        return format == Format.JSON ? JsonTableReader.read(source, body) : CsvTableReader.read(source, body);
    }

    private static InputException cannotRead(String source, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof CharacterCodingException) {
            reason = "the file is not UTF-8 text (save it as UTF-8)";
        } else if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            reason = ((FileSystemException) e).getReason();
        } else if (e.getMessage() != null) {
            reason = e.getMessage();
        } else {
            reason = e.getClass().getSimpleName();
        }
        return new InputException(source + ": cannot read: " + oneLine(reason), e);
    }

    /** The file name as the user gave it, the prefix of every message about this table. */
    public String source() { return source; }

    /** Column names in file order (CSV header order, or first appearance across JSON objects). */
    public List<String> columns() { return columns; }

    /** The number of data rows (the header and ignored empty lines are not rows). */
    public int rowCount() { return rows.length; }

    /**
     * The 1-based physical line of the file where row {@code row} starts: the CSV header is
     * line 1 (when nothing precedes it), for JSON the line where the row's object opens.
     */
    public int line(int row) { return lines[row]; }

    /** The raw text of a cell; empty (never null) for a JSON null or a field an object lacks. */
    public String text(int row, int col) { return rows[row][col]; }

    /** Whether there is a column called exactly {@code name}. */
    public boolean hasColumn(String name) { return index.containsKey(name); }

    /**
     * The index of the column called exactly {@code name}.
     *
     * @throws InputException naming the columns there are, and the closest one if it is close
     */
    public int column(String name) {
        Integer c = index.get(name);
        if (c != null) {
            return c;
        }
        throw noColumn(source, name, columns);
    }

    /**
     * The error for a column that is not there: the columns there are, the closest one if it is
     * close, and the separator when the header is one column holding ';', tabs or '|'.
     */
    static InputException noColumn(String source, String name, List<String> columns) {
        StringBuilder m = new StringBuilder();
        m.append(source).append(": no column ").append(quote(name)).append("; the columns are: ");
        int shown = Math.min(columns.size(), MAX_LISTED_COLUMNS);
        for (int i = 0; i < shown; i++) {
            if (i > 0) m.append(", ");
            String col = columns.get(i);
            m.append(col.isEmpty() ? "''" : escape(col));
        }
        if (shown < columns.size()) {
            m.append(", ... (").append(columns.size() - shown).append(" more)");
        }
        String guess = closest(name, columns);
        if (guess != null) {
            m.append(" (did you mean ").append(quote(guess)).append("?)");
        }
        if (columns.size() == 1) {
            String only = columns.get(0);
            for (String sep : new String[] {";", "\t", "|"}) {
                if (only.contains(sep)) {
                    m.append(" (the header is one column: the file seems separated by ")
                            .append(sep.equals("\t") ? "tabs" : "'" + sep + "'").append("; bnsl reads comma-separated values)");
                    break;
                }
            }
        }
        return new InputException(m.toString());
    }

    /**
     * The cell as a finite double. Surrounding whitespace is ignored; plain decimal and
     * scientific forms are accepted ({@code 12}, {@code -0.5}, {@code 1e-3}, {@code 2.5E+10}).
     *
     * @throws InputException ({@code file:line: column 'c': ...}) when the cell is empty, not a
     *     number, NaN or infinite (in any spelling: {@code nan}, {@code inf}, {@code -Infinity}),
     *     or too large for a double
     */
    public double number(int row, int col) {
        return parseNumber(rows[row][col], source, lines[row], columns.get(col));
    }

    /**
     * Parses one cell as a finite number, or throws the one-line error every reader gives:
     * {@code file:line: column 'name': 'abc' is not a number} (empty cells, NaN and infinities too).
     */
    public static double parseNumber(String raw, String source, int line, String column) {
        String t = raw.strip(); // whitespace only: trim() would also drop control characters such as NUL

        if (t.isEmpty()) {
            throw cellError(source, line, column, "empty cell, expected a number");
        }
        if (!numericChars(t)) {
            if (nonFinite(t)) {
                throw cellError(source, line, column, escape(t) + " is not allowed, expected a finite number");
            }
            throw cellError(source, line, column, quote(t) + " is not a number");
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw cellError(source, line, column, quote(t) + " is not a number");
        }
        if (!Double.isFinite(v)) {
            throw cellError(source, line, column, quote(t) + " is out of range, expected a finite number");
        }
        return v;
    }

    static InputException cellError(String source, int line, String column, String what) {
        return new InputException(source + ":" + line + ": column " + quote(column) + ": " + what);
    }

    /** An error about one cell: {@code file:line: column 'name': what}. */
    InputException at(int row, int col, String what) {
        return new InputException(source + ":" + lines[row] + ": column " + quote(columns.get(col)) + ": " + what);
    }

    // --- text helpers shared by the readers in this package ---

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Only characters a plain decimal or scientific number can contain; cheaper than a regex. */
    private static boolean numericChars(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
                return false;
            }
        }
        return true;
    }

    private static boolean nonFinite(String t) {
        String u = t.charAt(0) == '+' || t.charAt(0) == '-' ? t.substring(1) : t;
        return u.equalsIgnoreCase("nan") || u.equalsIgnoreCase("inf") || u.equalsIgnoreCase("infinity");
    }

    /** {@code 'text'}, escaped and shortened so that a message stays on one readable line. */
    public static String quote(String s) {
        return "'" + escape(s) + "'";
    }

    /** Control characters written as escapes, and long text cut, so a message stays one line. */
    static String escape(String s) {
        boolean plain = s.length() <= MAX_SHOWN;
        for (int i = 0; plain && i < s.length(); i++) {
            if (s.charAt(i) < ' ' || s.charAt(i) == '\u007f') plain = false;
        }
        if (plain) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX_SHOWN; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < ' ' || c == '\u007f') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        if (s.length() > MAX_SHOWN) {
            b.append("...");
        }
        return b.toString();
    }

    /** The first line of {@code s}, for messages from other libraries. */
    static String oneLine(String s) {
        int nl = s.indexOf('\n');
        int cr = s.indexOf('\r');
        int end = nl < 0 ? cr : cr < 0 ? nl : Math.min(nl, cr);
        return end < 0 ? s : s.substring(0, end);
    }

    /** The name closest to {@code name} ignoring case, if it is only a typo or two away (else null). */
    public static String closest(String name, List<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, Math.min(3, wanted.length() / 4));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.isEmpty()) continue;
            int d = distance(wanted, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= limit && bestDistance < wanted.length() ? best : null;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[] prev2 = new int[b.length() + 1];
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, prev2[j - 2] + 1);
                }
                cur[j] = d;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
