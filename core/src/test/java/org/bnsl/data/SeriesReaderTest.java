package org.bnsl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.bnsl.InputException;
import org.junit.jupiter.api.Test;

class SeriesReaderTest {

    private static Table csv(String name, String text) {
        return Table.read(name, new StringReader(text), Table.Format.CSV);
    }

    private static SeriesReader.Builder xy() {
        return SeriesReader.builder().variable("x", "size").y("loss");
    }

    @Test
    void oneSeriesNamedAfterTheFileStem() {
        Table t = csv("runs/addition.csv", "size,loss,other\n160,2.1,z\n\n192,2.0,z\n");
        List<Series> all = xy().build().read(t);
        assertThat(all).hasSize(1);
        Series s = all.get(0);
        assertThat(s.name()).isEqualTo("addition");
        assertThat(s.source()).isEqualTo("runs/addition.csv");
        assertThat(s.variables()).containsExactly("x");
        assertThat(s.columns()).containsExactly("size");
        assertThat(s.yColumn()).isEqualTo("loss");
        assertThat(s.x()).containsExactly(160, 192);
        assertThat(s.y()).containsExactly(2.1, 2.0);
        assertThat(s.weights()).containsExactly(1, 1);
        assertThat(s.line(1)).isEqualTo(4);
        assertThat(s.where(1)).isEqualTo("runs/addition.csv:4");
    }

    @Test
    void severalVariablesInTheGivenOrder() {
        Table t = csv("c.csv", "loss,tokens,params\n3.1,20,1e6\n2.9,40,2e6\n");
        Series s = SeriesReader.builder().variable("N", "params").variable("D", "tokens").y("loss").build()
                .read(t).get(0);
        assertThat(s.variables()).containsExactly("N", "D");
        assertThat(s.columns()).containsExactly("params", "tokens");
        assertThat(s.dimension()).isEqualTo(2);
        assertThat(s.point(1)).containsExactly(2e6, 40);
    }

    @Test
    void groupsInOrderOfFirstAppearance() {
        Table t = csv("g.csv", "model,size,loss\nb,1,10\na,1,20\nb,2,11\nc,1,30\na,2,21\nb,3,12\n");
        List<Series> all = xy().group("model").build().read(t);
        assertThat(all).extracting(Series::name).containsExactly("b", "a", "c");
        assertThat(all.get(0).y()).containsExactly(10, 11, 12);
        assertThat(all.get(0).x()).containsExactly(1, 2, 3);
        assertThat(all.get(1).y()).containsExactly(20, 21);
        assertThat(all.get(1).line(1)).isEqualTo(6);
        assertThat(all.get(2).size()).isEqualTo(1);
    }

    @Test
    void emptyGroupNameIsShownQuoted() {
        Table t = csv("g.csv", "model,size,loss\n,1,10\na,1,20\n,2,11\n");
        List<Series> all = xy().group("model").build().read(t);
        assertThat(all).extracting(Series::name).containsExactly("''", "a");
        assertThat(all.get(0).size()).isEqualTo(2);
    }

    @Test
    void manyPointsInOneGroup() {
        StringBuilder sb = new StringBuilder("size,loss\n");
        for (int i = 0; i < 1000; i++) sb.append(i).append(',').append(2 * i).append('\n');
        Series s = xy().build().read(csv("big.csv", sb.toString())).get(0);
        assertThat(s.size()).isEqualTo(1000);
        assertThat(s.y(999)).isEqualTo(1998);
        assertThat(s.line(999)).isEqualTo(1001);
    }

    @Test
    void weights() {
        Table t = csv("w.csv", "size,loss,w\n1,10,0.5\n2,11,2\n");
        assertThat(xy().weight("w").build().read(t).get(0).weights()).containsExactly(0.5, 2);
    }

    @Test
    void weightsMustBePositiveAndFinite() {
        SeriesReader r = xy().weight("w").build();
        assertThatThrownBy(() -> r.read(csv("w.csv", "size,loss,w\n1,10,1\n2,11,0\n")))
                .isInstanceOf(InputException.class)
                .hasMessage("w.csv:3: column 'w': '0' is not a valid weight, expected a finite number > 0");
        assertThatThrownBy(() -> r.read(csv("w.csv", "size,loss,w\n1,10,-2.5\n")))
                .hasMessage("w.csv:2: column 'w': '-2.5' is not a valid weight, expected a finite number > 0");
        assertThatThrownBy(() -> r.read(csv("w.csv", "size,loss,w\n1,10,inf\n")))
                .hasMessage("w.csv:2: column 'w': inf is not allowed, expected a finite number");
    }

    @Test
    void badCellsNameFileLineAndColumn() {
        assertThatThrownBy(() -> xy().build().read(csv("d.csv", "size,loss\n1,2\n3,abc\n")))
                .isInstanceOf(InputException.class).hasMessage("d.csv:3: column 'loss': 'abc' is not a number");
        assertThatThrownBy(() -> xy().build().read(csv("d.csv", "size,loss\n1,2\n,3\n")))
                .hasMessage("d.csv:3: column 'size': empty cell, expected a number");
    }

    @Test
    void missingColumnsAreReportedWithSuggestions() {
        Table t = csv("d.csv", "size,loss\n1,2\n");
        assertThatThrownBy(() -> SeriesReader.builder().variable("x", "size").y("los").build().read(t))
                .isInstanceOf(InputException.class)
                .hasMessage("d.csv: no column 'los'; the columns are: size, loss (did you mean 'loss'?)");
        assertThatThrownBy(() -> xy().group("model").build().read(t))
                .hasMessage("d.csv: no column 'model'; the columns are: size, loss");
    }

    @Test
    void filterKeepsRowsAndSkipsTheirCells() {
        Table t = csv("f.csv", "size,loss\n1,10\n2,oops\n3,30\n");
        Series s = xy().filter(r -> !t.text(r, 1).equals("oops")).build().read(t).get(0);
        assertThat(s.x()).containsExactly(1, 3);
        assertThat(s.line(1)).isEqualTo(4);
    }

    @Test
    void filterThatKeepsNothing() {
        Table t = csv("data.csv", "size,loss\n1,10\n");
        assertThatThrownBy(() -> xy().filter(r -> false).build().read(t))
                .isInstanceOf(InputException.class).hasMessage("data.csv: no rows left after the filter");
    }

    @Test
    void builderChecksItsChoices() {
        assertThatThrownBy(() -> SeriesReader.builder().y("loss").build()).isInstanceOf(InputException.class);
        assertThatThrownBy(() -> SeriesReader.builder().variable("x", "size").build()).isInstanceOf(InputException.class)
                .hasMessage("no y column given");
        assertThatThrownBy(() -> SeriesReader.builder().variable("N", "a").variable("N", "b").y("l").build())
                .hasMessage("variable 'N' is given twice");
    }

    @Test
    void stemDropsDirectoriesAndExtension() {
        assertThat(SeriesReader.stem("runs/flan.csv")).isEqualTo("flan");
        assertThat(SeriesReader.stem("C:\\data\\a.b.json")).isEqualTo("a.b");
        assertThat(SeriesReader.stem("data")).isEqualTo("data");
        assertThat(SeriesReader.stem(".hidden")).isEqualTo(".hidden");
    }
}
