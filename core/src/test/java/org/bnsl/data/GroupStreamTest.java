package org.bnsl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bnsl.InputException;
import org.bnsl.testing.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming reader of sorted files gives what the whole-file reader gives, group by group. */
class GroupStreamTest {
    @TempDir
    Path tmp;

    private static SeriesReader spec() {
        return SeriesReader.builder().variable("x", "x").y("y").group("g").build();
    }

    private static List<SeriesReader.Group> stream(Path file) {
        List<SeriesReader.Group> out = new ArrayList<>();
        try (GroupStream s = GroupStream.open(file, spec(), null, null, new HashSet<>())) {
            s.forEachRemaining(out::add);
        }
        return out;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void sameGroupsPointsAndLinesAsTheWholeFileReader() throws IOException {
        Path f = write("s.csv", "g,x,y\r\na,1,5\r\na,2,4\r\n\r\nb,1,\"3\"\r\n\"b\",2,2.5\r\nc,\"1\",2\r\n");
        List<SeriesReader.Group> streamed = stream(f);
        List<SeriesReader.Group> whole = spec().readGroups(Table.read(f));
        assertThat(streamed).hasSize(3);
        for (int k = 0; k < 3; k++) {
            Series a = streamed.get(k).series();
            Series b = whole.get(k).series();
            assertThat(a.name()).isEqualTo(b.name());
            assertThat(a.x()).containsExactly(b.x());
            assertThat(a.y()).containsExactly(b.y());
            for (int i = 0; i < a.size(); i++) assertThat(a.line(i)).isEqualTo(b.line(i));
        }
        assertThat(streamed.get(1).series().line(0)).isEqualTo(5); // after the blank line 4
    }

    @Test
    void theFlanFileStreamsAsItReads() {
        Path flan = Examples.path("flan.csv");
        SeriesReader r = SeriesReader.builder().variable("x", "finetune_examples").y("loss").group("model").build();
        List<SeriesReader.Group> streamed = new ArrayList<>();
        try (GroupStream s = GroupStream.open(flan, r, null, null, new HashSet<>())) {
            s.forEachRemaining(streamed::add);
        }
        List<Series> whole = r.read(Table.read(flan));
        assertThat(streamed).hasSize(14);
        for (int k = 0; k < 14; k++) {
            assertThat(streamed.get(k).series().y()).containsExactly(whole.get(k).y());
        }
    }

    @Test
    void aBadCellFailsOnlyItsGroup() throws IOException {
        Path f = write("bad.csv", "g,x,y\na,1,5\na,2,4\nb,1,abc\nb,2,2\nc,1,2\nc,2,1\n");
        List<SeriesReader.Group> g = stream(f);
        assertThat(g).extracting(SeriesReader.Group::failed).containsExactly(false, true, false);
        assertThat(g.get(1).error()).isEqualTo(f + ":4: column 'y': 'abc' is not a number");
    }

    @Test
    void filtersAndHeldOutLines() throws IOException {
        Path f = write("f.csv", "g,x,y\na,1,5\na,2,4\na,3,3\nb,1,3\n");
        Set<Integer> held = new HashSet<>();
        List<SeriesReader.Group> out = new ArrayList<>();
        try (GroupStream s = GroupStream.open(f, spec(), header -> row -> row.number(header.indexOf("y")) < 4.5,
                header -> row -> row.number(header.indexOf("x")) >= 3, held)) {
            s.forEachRemaining(out::add);
        }
        assertThat(out.get(0).series().size()).isEqualTo(2);
        assertThat(held).containsExactly(4);
    }

    @Test
    void anUnsortedFileIsNamedAtTheLineWhereAGroupComesBack() throws IOException {
        Path f = write("u.csv", "g,x,y\na,1,5\nb,1,4\na,2,3\n");
        assertThatThrownBy(() -> stream(f)).isInstanceOf(InputException.class)
                .hasMessage(f + ":4: group 'a' appears again after other groups: the file is not sorted by group "
                        + "(drop --sorted to read it whole)");
    }

    @Test
    void emptyHeaderOnlyAndMissingColumn() throws IOException {
        Path empty = write("e.csv", "");
        assertThatThrownBy(() -> stream(empty)).hasMessage(empty + ": the file is empty");
        Path header = write("h.csv", "g,x,y\n");
        assertThatThrownBy(() -> stream(header)).hasMessage(header + ": no data rows after the header");
        Path missing = write("m.csv", "g,x,z\na,1,2\n");
        assertThatThrownBy(() -> stream(missing)).hasMessageContaining("no column 'y'");
    }
}
