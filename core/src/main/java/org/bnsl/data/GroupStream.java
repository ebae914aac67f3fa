package org.bnsl.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bnsl.InputException;

/**
 * The groups of a CSV file sorted by group, read as a stream: each group is handed out as soon as
 * the next one starts, so only the group being read (and those the caller still holds) are in
 * memory, however large the file. For {@code fit --sorted}.
 *
 * <p>Cells are checked as {@link Table} checks them, with the same one-line messages; a bad cell
 * fails its own group only. A group that appears again after another group means the file is not
 * sorted: that is an {@link InputException} naming the line, since the earlier part of the group
 * has already been handed out.
 */
public final class GroupStream implements Iterator<SeriesReader.Group>, AutoCloseable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setTrim(true).setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    /** One row, for filters: its line and its cells as numbers (checked, with the usual messages). */
    public interface Row {
        int line();

        double number(int column);
    }

    private final String source;
    private final SeriesReader spec;
    private Predicate<Row> keep;
    private Predicate<Row> held;
    private final Set<Integer> heldLines;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final LineReader lines;
    private final List<String> header = new ArrayList<>();
    private final Set<String> closed = new HashSet<>();
    private int[] xCols;
    private int yCol;
    private int gCol;
    private int wCol;
    private String openName;
    private SeriesReader.Points open;
    private SeriesReader.Group next;
    private boolean any;

    private GroupStream(String source, Reader in, SeriesReader spec,
            java.util.function.Function<List<String>, Predicate<Row>> keep,
            java.util.function.Function<List<String>, Predicate<Row>> held, Set<Integer> heldLines) throws IOException {
        this.source = source;
        this.spec = spec;
        this.heldLines = heldLines;
        this.lines = new LineReader(in);
        this.parser = FORMAT.parse(lines);
        this.records = parser.iterator();
        readHeader();
        this.keep = keep == null ? null : keep.apply(List.copyOf(header));
        this.held = held == null ? null : held.apply(List.copyOf(header));
        advance();
    }

    /**
     * Opens {@code file} (CSV with a header) for streaming by group.
     *
     * @param keep      given the header, the rows to use (the {@code --where} filter), or null for all
     * @param held      given the header, the rows to hold out ({@code --holdout-where}), or null
     * @param heldLines receives the line of every held-out row, before its group is handed out
     */
    public static GroupStream open(Path file, SeriesReader spec, java.util.function.Function<List<String>, Predicate<Row>> keep,
            java.util.function.Function<List<String>, Predicate<Row>> held, Set<Integer> heldLines) {
        if (spec.groupColumn() == null) {
            throw new InputException("--sorted streams the groups of --group COL; give a group column");
        }
        String source = file.toString();
        try {
            Reader r = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            return new GroupStream(source, r, spec, keep, held, heldLines);
        } catch (NoSuchFileException e) {
            throw new InputException(source + ": cannot read: no such file");
        } catch (IOException e) {
            throw new InputException(source + ": cannot read: " + e.getMessage());
        }
    }

    /** The header's column names. */
    public List<String> columns() {
        return List.copyOf(header);
    }

    private CSVRecord nextRecord() {
        try {
            while (records.hasNext()) {
                CSVRecord r = records.next();
                if (!(r.size() == 1 && r.get(0).isEmpty())) return r;
            }
            return null;
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new InputException(source + ": cannot read: the file is not UTF-8 text");
            }
            if (e.getCause() instanceof LineReader.NulByte nul) {
                throw new InputException(source + ":" + nul.line + ": a NUL byte: this is not a text file (or not UTF-8: save it as UTF-8)");
            }
            throw new InputException(source + ":" + lines.lineAt(lines.position()) + ": malformed CSV: "
                    + String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()).replace('\n', ' '));
        }
    }

    private void readHeader() {
        CSVRecord h = nextRecord();
        if (h == null) {
            throw new InputException(source + ": the file is empty");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < h.size(); i++) {
            String name = i == 0 && h.get(i).startsWith("\uFEFF") ? h.get(i).substring(1) : h.get(i);
            if (!name.isEmpty() && !names.add(name)) {
                throw new InputException(source + ":" + lines.lineAt(h.getCharacterPosition()) + ": duplicate column "
                        + Table.quote(name) + " in the header");
            }
            header.add(name);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) index.putIfAbsent(header.get(i), i);
        xCols = new int[spec.variables().size()];
        for (int j = 0; j < xCols.length; j++) xCols[j] = column(index, spec.variableColumns().get(j));
        yCol = column(index, spec.yColumn());
        gCol = column(index, spec.groupColumn());
        wCol = spec.weightColumn() == null ? -1 : column(index, spec.weightColumn());
    }

    private int column(Map<String, Integer> index, String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw Table.noColumn(source, name, header);
        }
        return i;
    }

    /** Reads rows until a group is complete (or the file ends) and sets {@link #next}. */
    private void advance() {
        next = null;
        while (next == null) {
            CSVRecord r = nextRecord();
            if (r == null) {
                if (open != null) {
                    next = finish(openName, open);
                    open = null;
                } else if (!any) {
                    throw new InputException(source + ": no data rows after the header");
                }
                return;
            }
            int line = lines.lineAt(r.getCharacterPosition());
            if (r.size() != header.size()) {
                throw new InputException(source + ":" + line + ": expected " + header.size()
                        + (header.size() == 1 ? " field" : " fields") + " like the header, found " + r.size());
            }
            Row row = new Row() {
                public int line() { return line; }

                public double number(int c) { return Table.parseNumber(r.get(c), source, line, header.get(c)); }
            };
            if (keep != null && !keep.test(row)) continue;
            any = true;
            String name = r.get(gCol);
            if (open != null && !name.equals(openName)) {
                next = finish(openName, open);
                closed.add(openName);
                open = null;
            }
            if (open == null) {
                if (closed.contains(name)) {
                    throw new InputException(source + ":" + line + ": group " + Table.quote(name)
                            + " appears again after other groups: the file is not sorted by group (drop --sorted to read it whole)");
                }
                open = new SeriesReader.Points(xCols.length);
                openName = name;
            }
            add(open, r, row, line);
        }
    }

    private void add(SeriesReader.Points p, CSVRecord r, Row row, int line) {
        try {
            double w = 1;
            if (wCol >= 0) {
                w = row.number(wCol);
                if (w <= 0) {
                    throw Table.cellError(source, line, header.get(wCol), Table.quote(r.get(wCol))
                            + " is not a valid weight, expected a finite number > 0");
                }
            }
            double[] xs = new double[xCols.length];
            for (int j = 0; j < xs.length; j++) xs[j] = row.number(xCols[j]);
            double y = row.number(yCol);
            if (held != null && held.test(row)) heldLines.add(line);
            p.grow();
            int i = p.size;
            for (int j = 0; j < xs.length; j++) p.x[j][i] = xs[j];
            p.y[i] = y;
            p.w[i] = w;
            p.lines[i] = line;
            p.size++;
        } catch (InputException e) {
            if (p.error == null) p.error = e.getMessage();
        }
    }

    private SeriesReader.Group finish(String name, SeriesReader.Points p) {
        String shown = name.isEmpty() ? "''" : name;
        return p.error != null ? new SeriesReader.Group(shown, null, p.error)
                : new SeriesReader.Group(shown, p.toSeries(shown, source, spec.variables(), spec.variableColumns(), spec.yColumn()), null);
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public SeriesReader.Group next() {
        if (next == null) throw new NoSuchElementException();
        SeriesReader.Group g = next;
        advance();
        return g;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A reader that remembers where each line's first non-blank character is, so a record's position
     * (which Commons CSV gives at the start of any blank lines it skipped) turns into the line of its
     * content, as {@link Table} reports it.
     */
    static final class LineReader extends FilterReader {
        private final ArrayDeque<long[]> starts = new ArrayDeque<>(); // {line, offset of first content}
        private long position;
        private long line = 1;
        private boolean content;

        LineReader(Reader in) {
            super(in);
        }

        long position() {
            return position;
        }

        /** The line of the first non-blank character at or after {@code pos}; positions must not go backwards. */
        int lineAt(long pos) {
            while (!starts.isEmpty() && starts.peekFirst()[1] < pos) {
                starts.pollFirst();
            }
            return (int) (starts.isEmpty() ? line : starts.peekFirst()[0]);
        }

        /** A NUL character: the file is binary, or text in another encoding than UTF-8. */
        static final class NulByte extends IOException {
            final long line;

            NulByte(long line) {
                super("a NUL byte on line " + line + ": this is not a text file (or not UTF-8: save it as UTF-8)");
                this.line = line;
            }
        }

        private void see(char c) throws NulByte {
            if (c == '\0') {
                throw new NulByte(line);
            }
            if (c == '\n') {
                line++;
                content = false;
            } else if (!content && !Table.isBlank(c)) {
                starts.addLast(new long[] {line, position});
                content = true;
            }
            position++;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) see((char) c);
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) see(buf[off + i]);
            return n;
        }
    }
}
