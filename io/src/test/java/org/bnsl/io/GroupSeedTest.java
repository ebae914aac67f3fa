package org.bnsl.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import org.bnsl.data.Table;
import org.junit.jupiter.api.Test;

/** Each group of a batch draws its bootstrap from a seed of its own: --seed mixed with its name. */
class GroupSeedTest {
    private static final String CURVE = "x,y\n1,5.1\n2,3.9\n4,3.05\n8,2.6\n16,2.2\n32,1.96\n64,1.8\n128,1.7\n";

    /** The same curve under each group name, the groups in the order given. */
    private static Table batch(String... groups) {
        StringBuilder csv = new StringBuilder("g,x,y\n");
        for (String g : groups) {
            CURVE.lines().skip(1).forEach(l -> csv.append(g).append(',').append(l).append('\n'));
        }
        return Table.read("batch.csv", new StringReader(csv.toString()), Table.Format.CSV);
    }

    private static final FitSpec SPEC = FitSpec.builder().x("x").y("y").group("g").law("power").bootstrap(40).seed(7).build();

    private static double upper(List<GroupResult> results, String name) {
        Model m = results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().model();
        return m.interval(0.9, 1000).hi();
    }

    @Test
    void identicalCurvesOfTwoGroupsGetIndependentResamples() {
        List<GroupResult> r = Bnsl.fitTable(batch("a", "b"), SPEC);
        assertThat(upper(r, "a")).isNotEqualTo(upper(r, "b"));
    }

    @Test
    void aGroupsIntervalsDependOnItsNameNotOnItsPlaceInTheFile() {
        double alone = upper(Bnsl.fitTable(batch("b"), SPEC), "b");
        double second = upper(Bnsl.fitTable(batch("a", "b", "c"), SPEC), "b");
        double first = upper(Bnsl.fitTable(batch("b", "c", "a"), SPEC), "b");
        assertThat(second).isEqualTo(alone);
        assertThat(first).isEqualTo(alone);
    }

    @Test
    void theGroupSeedIsAFunctionOfSeedAndName() {
        assertThat(FitRun.groupSeed(7, "b")).isEqualTo(FitRun.groupSeed(7, "b"))
                .isNotEqualTo(FitRun.groupSeed(8, "b")).isNotEqualTo(FitRun.groupSeed(7, "c"));
    }
}
