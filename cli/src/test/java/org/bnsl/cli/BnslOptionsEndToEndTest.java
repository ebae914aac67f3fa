package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 6 (--loss, --fix, --bound, … for BNSL and auto, once refused) and item 9 (the
 * fitting messages), end to end.
 */
class BnslOptionsEndToEndTest {
    @TempDir
    Path tmp;

    /** 24 points of y = 0.5 + 20·x^−0.3·(1 + (x/3000)^(1/0.2))^(−0.6·0.2), with a ±0.4% wiggle. */
    private Path curve() {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < 24; i++) {
            double x = 10 * Math.pow(1e5, i / 23.0);
            double y = 0.5 + 20 * Math.pow(x, -0.3) * Math.pow(1 + Math.pow(x / 3000, 5), -0.12);
            sb.append(x).append(',').append(y * (1 + 0.004 * ((i % 3) - 1))).append('\n');
        }
        return Cli.write(tmp, "curve.csv", sb.toString());
    }

    @Test
    void fixAndBoundAreHonouredForBnsl() {
        String f = curve().toString();
        JsonNode p = Cli.ok("fit", f, "--x", "x", "--y", "y", "--breaks", "1", "--fix", "c0=0.2",
                "--bound", "d1=1000..2000", "--json").json().get("series").get(0).get("parameters");
        assertThat(p.get("c0").asDouble()).isEqualTo(0.2);
        assertThat(p.get("d1").asDouble()).isBetween(1000.0, 2000.0);
    }

    @Test
    void autoTakesTheLoss() {
        JsonNode s = Cli.ok("fit", curve().toString(), "--x", "x", "--y", "y", "--law", "auto", "--loss", "huber:0.01",
                "--json").json().get("series").get(0);
        assertThat(s.get("chosen").asText()).isNotEmpty();
    }

    @Test
    void aParameterNoLawHasIsNamed() {
        Cli.assertBadInput(Cli.run("fit", curve().toString(), "--x", "x", "--y", "y", "--breaks", "1", "--fix", "d2=5"),
                "--fix d2", "no parameter 'd2'");
        Cli.assertBadInput(Cli.run("fit", curve().toString(), "--x", "x", "--y", "y", "--law", "auto", "--fix", "zz=5"),
                "--fix zz", "no candidate");
    }

    @Test
    void aFlatCurveIsFittedAsItsConstantWithAWarning() {
        Path f = Cli.write(tmp, "flat.csv", "x,y\n1,3\n2,3\n4,3\n8,3\n16,3\n32,3\n64,3\n");
        String out = Cli.ok("fit", f.toString(), "--x", "x", "--y", "y", "--breaks", "1").out();
        assertThat(out).contains("warning: flat curve: all 7 values of y equal 3");
    }

    @Test
    void oneDistinctXAndASubnormalYSayWhy() {
        Path one = Cli.write(tmp, "one.csv", "x,y\n5,3\n5,2\n5,1\n5,3\n5,2\n5,1\n5,3\n");
        Cli.assertBadInput(Cli.run("fit", one.toString(), "--x", "x", "--y", "y", "--breaks", "1"),
                "all 7 points share x = 5", "at least 2 distinct x values");
        // the automatic choices say the same, not "every candidate failed to fit at some cut"
        Cli.assertBadInput(Cli.run("fit", one.toString(), "--x", "x", "--y", "y", "--law", "auto"),
                "all 7 points share x = 5");
        Cli.assertBadInput(Cli.run("fit", one.toString(), "--x", "x", "--y", "y", "--breaks", "auto"),
                "all 7 points share x = 5");
        Path tiny = Cli.write(tmp, "tiny.csv", "x,y\n1,3\n2,2\n4,1e-320\n8,0.5\n16,0.4\n32,0.3\n64,0.2\n");
        Cli.assertBadInput(Cli.run("fit", tiny.toString(), "--x", "x", "--y", "y", "--breaks", "1"),
                "tiny.csv:4", "1e-320 is too small to take logs of");
        Cli.assertBadInput(Cli.run("fit", tiny.toString(), "--x", "x", "--y", "y", "--law", "auto"),
                "tiny.csv:4", "1e-320 is too small to take logs of");
    }
}
