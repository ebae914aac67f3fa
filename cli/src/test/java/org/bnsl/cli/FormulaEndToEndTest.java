package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 12 end to end: a formula fitted from one start (NIST's protocol), the convergence report
 * and default bounds in the JSON and text, a flagged fit that exits 0 with its warning on stderr,
 * and predictions that follow the space the formula was fitted in.
 */
class FormulaEndToEndTest {
    @TempDir
    Path tmp;

    /** NIST StRD BoxBOD (Box et al. 1978): its data, and the certified b1, b2 from NIST's Start 1 (1, 1). */
    private Path boxBod() {
        return Cli.write(tmp, "boxbod.csv", "x,y\n1,109\n2,149\n3,149\n5,191\n7,213\n10,224\n");
    }

    @Test
    void oneStartFollowsNistsProtocolAndReportsConvergence() {
        JsonNode s = Cli.ok("fit", boxBod().toString(), "--formula", "b1*(1-exp(-b2*x))", "--x", "x", "--y", "y",
                "--space", "linear", "--init", "b1=1", "--init", "b2=1", "--starts", "1", "--json").json().get("series").get(0);
        assertThat(s.get("parameters").get("b1").asDouble()).isCloseTo(213.80940889, within(213.8 * 1e-6));
        assertThat(s.get("parameters").get("b2").asDouble()).isCloseTo(0.54723748542, within(0.547 * 1e-6));
        JsonNode c = s.get("convergence");
        assertThat(c.get("converged").asBoolean()).isTrue();
        assertThat(c.get("iterations").asInt()).isPositive();
        assertThat(c.get("starts").asInt()).isEqualTo(1);
        assertThat(c.get("gradient_norm").asDouble()).isLessThan(1e-3);
        assertThat(c.get("flags")).isEmpty();
        assertThat(c.get("termination").asText()).contains("b1 solved in closed form first (variable projection)");
        JsonNode b1 = s.get("bounds").get("b1");
        assertThat(b1.get("lower").asDouble()).isZero();
        assertThat(b1.get("lower_from").asText()).isEqualTo("sign");
        assertThat(b1.get("upper").isNull()).isTrue();
        assertThat(s.get("warnings")).isEmpty();
        String text = Cli.ok("fit", boxBod().toString(), "--formula", "b1*(1-exp(-b2*x))", "--x", "x", "--y", "y",
                "--space", "linear").out();
        assertThat(text).containsPattern("\n  convergence: converged in [0-9]+ iterations, gradient norm [-0-9.e]+ \\(32 starts\\)\n")
                .contains("\n  default bounds: b1 >= 0 (a scale's default sign), b2 >= 0 (a scale's default sign); --bound replaces them\n");
    }

    @Test
    void aFlaggedFitExitsZeroWithItsWarningOnStderrAndInTheJson() {
        Cli.Result r = Cli.warned("fit", boxBod().toString(), "--formula", "b1*(1-exp(-b2*x))", "--x", "x", "--y", "y",
                "--space", "linear", "--bound", "b2=0..0.3", "--json");
        String warning = "b2 = 0.3 ended on its upper bound 0.3 (your --bound)";
        assertThat(r.errLines()).containsExactly("bnsl: warning: series boxbod: " + warning);
        JsonNode s = r.json().get("series").get(0);
        assertThat(s.get("warnings").get(0).asText()).isEqualTo(warning);
        JsonNode flag = s.get("convergence").get("flags").get(0);
        assertThat(flag.get("parameter").asText()).isEqualTo("b2");
        assertThat(flag.get("kind").asText()).isEqualTo("on_bound");
        assertThat(s.get("bounds").get("b2").get("upper_from").asText()).isEqualTo("user");
        // the user's bound is used as given
        assertThat(s.get("parameters").get("b2").asDouble()).isEqualTo(0.3);
    }

    @Test
    void predictFollowsTheSpaceTheFormulaWasFittedIn() {
        Path data = Cli.write(tmp, "signs.csv", "x,y\n-4,9.2\n-2,3.1\n0,1\n1,1.9\n3,8.8\n5,20.5\n");
        Path model = tmp.resolve("quadratic.json");
        // b < 0: its default sign is lifted, with a warning
        Cli.warned("fit", data.toString(), "--formula", "a + b*x + c*x^2", "--x", "x", "--y", "y", "--space", "linear",
                "--out", model.toString());
        JsonNode p = Cli.ok("predict", model.toString(), "--at", "-10", "--json").json().get("series").get(0).get("predictions").get(0);
        assertThat(p.get("predicted").asDouble()).isGreaterThan(50);
        // undefined where the formula is: refused, naming x
        Path logData = Cli.write(tmp, "log.csv", "x,y\n1,2\n2,2.7\n4,3.4\n8,4.1\n16,4.8\n");
        Path logModel = tmp.resolve("log.json");
        Cli.ok("fit", logData.toString(), "--formula", "a + b*log(x)", "--x", "x", "--y", "y", "--space", "linear",
                "--out", logModel.toString());
        Cli.assertBadInput(Cli.run("predict", logModel.toString(), "--at", "-1"), "--at: '-1'", "the formula is undefined at x = -1");
        // fitted in log space, x must be > 0
        Path logSpace = tmp.resolve("logspace.json");
        Cli.ok("fit", logData.toString(), "--formula", "a + b*log(x)", "--x", "x", "--y", "y", "--out", logSpace.toString());
        Cli.assertBadInput(Cli.run("predict", logSpace.toString(), "--at", "0"), "--at: '0'", "must be > 0");
    }
}
