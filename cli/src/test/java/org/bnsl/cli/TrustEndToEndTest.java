package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine.Command;

/**
 * Issue 10's guarantees that the catalogue cannot state as one line of data: output permissions,
 * bugs as one line, the memory bound of the bootstrap, and what each command's help offers.
 */
class TrustEndToEndTest {
    private static final String GOOD = "x,y\n1,2\n2,1.8\n3,1.6\n4,1.5\n5,1.4\n6,1.3\n7,1.25\n8,1.2\n";

    @TempDir
    Path tmp;

    @Test
    void outputFilesGetTheDefaultPermissionsNotPrivateOnes() throws IOException {
        Path in = Cli.write(tmp, "d.csv", GOOD);
        // a file created the ordinary way gets 0666 less the umask: the model file must get the same
        Path reference = tmp.resolve("reference");
        Files.newOutputStream(reference).close();
        Path model = tmp.resolve("m.json");
        Path plot = tmp.resolve("p.svg");
        Cli.ok("fit", in.toString(), "--x", "x", "--y", "y", "--out", model.toString(), "--plot", plot.toString());
        assertThat(Files.getPosixFilePermissions(model)).isEqualTo(Files.getPosixFilePermissions(reference));
        assertThat(Files.getPosixFilePermissions(plot)).isEqualTo(Files.getPosixFilePermissions(reference));
        Path html = tmp.resolve("r.html");
        Cli.ok("report", in.toString(), "--x", "x", "--y", "y", "--out", html.toString());
        assertThat(Files.getPosixFilePermissions(html)).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    /** A command that fails as a bug would, with an Error that picocli's handlers do not catch. */
    @Command(name = "overflow")
    static final class Overflow implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    private static Cli.Result runWithOverflow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(args, o, e, new Overflow());
        }
        return new Cli.Result(code, out.toString(), err.toString());
    }

    @Test
    void aBugIsOneLineAndExitCodeOne() {
        Cli.Result r = runWithOverflow("overflow");
        assertThat(r.code()).isEqualTo(Main.INTERNAL);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("bnsl: internal error: StackOverflowError").contains("please report");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void debugShowsTheStackTrace() {
        Cli.Result r = runWithOverflow("overflow", "--debug");
        assertThat(r.code()).isEqualTo(Main.INTERNAL);
        assertThat(r.errLines().get(0)).startsWith("bnsl: internal error: StackOverflowError");
        assertThat(r.err()).contains("\tat org.bnsl.cli.TrustEndToEndTest$Overflow.call");
    }

    @Test
    void aBootstrapThatWouldNotFitInMemoryIsRefusedBeforeFitting() {
        // each curve keeps 100,000 resamples of 6 parameters, about 55 MB with the model file: make
        // enough curves to need more than half of this JVM's heap
        long perCurve = 100_000L * (8 * 6 + 80 + 70 * 6);
        long curves = Runtime.getRuntime().maxMemory() / 2 / perCurve + 2;
        StringBuilder csv = new StringBuilder("g,x,y\n");
        for (int g = 0; g < curves; g++) {
            for (int i = 1; i <= 8; i++) csv.append('g').append(g).append(',').append(i).append(',').append(2.0 / Math.sqrt(i)).append('\n');
        }
        Path in = Cli.write(tmp, "many.csv", csv.toString());
        Path model = tmp.resolve("m.json");
        Cli.Result r = Cli.run("fit", in.toString(), "--x", "x", "--y", "y", "--group", "g", "--bootstrap", "100000",
                "--out", model.toString());
        Cli.assertBadInput(r, "--bootstrap 100000 needs about", curves + " curve(s) of 6 parameters", "BNSL_JAVA_OPTS");
        assertThat(model).doesNotExist();
    }

    @Test
    void reportHelpSaysItWritesHtmlAndOffersNoOptionItIgnores() {
        String help = Cli.ok("report", "--help").out();
        assertThat(help).contains("--out=FILE.html", "HTML report");
        assertThat(help).doesNotContain("--plot", "--json", "--jsonl", "--sorted", "--quiet", "MODEL.json");
        assertThat(help).contains("--bootstrap", "--holdout-above", "--law", "--where", "--extrapolate-to");
    }

    @Test
    void compareHelpOffersOnlyWhatCompareDoes() {
        String help = Cli.ok("compare", "--help").out();
        assertThat(help).doesNotContain("--bootstrap", "--plot", "--jsonl", "--sorted", "--quiet", "--extrapolate-to");
        assertThat(help).contains("auto (the default)").doesNotContain("default bnsl").doesNotContain("(default: bnsl)");
        assertThat(help).contains("--candidates", "--breaks", "--holdout-where", "--out=MODEL.json", "--json");
    }

    @Test
    void fitKeepsEveryOptionItHonours() {
        String help = Cli.ok("fit", "--help").out();
        for (String o : List.of("--x", "--var", "--y", "--group", "--where", "--weights", "--law", "--formula", "--breaks",
                "--candidates", "--fallback", "--space", "--loss", "--overestimate-penalty", "--init", "--bound", "--fix",
                "--direction", "--x-offset", "--holdout-above", "--holdout-where", "--bootstrap", "--seed", "--level",
                "--threads", "--out", "--json", "--jsonl", "--plot", "--linear-y", "--facet", "--x-label", "--y-label",
                "--extrapolate-to", "--quiet", "--sorted", "--debug")) {
            assertThat(help).as("fit --help").contains(o);
        }
    }
}
