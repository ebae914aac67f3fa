package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code bnsl fit} and {@code bnsl predict}: exit code 2, one {@code bnsl: } line
 * naming the file and line, no stack trace, and no output file (or temporary file) left behind.
 */
class BadInputEndToEndTest {
    /** Eight falling points, enough for a BNSL with one break. */
    private static final String GOOD = "x,y\n1,2\n2,1.8\n3,1.6\n4,1.5\n5,1.4\n6,1.3\n7,1.25\n8,1.2\n";

    @TempDir
    Path tmp;

    /**
     * Writes {@code content} as {@code name} in the temp folder, runs {@code fit} on it with
     * {@code --out} into the same folder, and checks the bad-input contract and that the folder
     * holds only the input afterwards.
     */
    private void fitFails(String name, String content, List<String> options, String... fragments) {
        Path in = Cli.write(tmp, name, content);
        fitFails(in, options, fragments);
    }

    private void fitFails(Path in, List<String> options, String... fragments) {
        List<String> before = Cli.listing(tmp);
        Path out = tmp.resolve("model.json");
        List<String> args = new ArrayList<>(List.of("fit", in.toString()));
        args.addAll(options);
        args.addAll(List.of("--out", out.toString()));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        Cli.assertBadInput(r, fragments);
        assertThat(out).doesNotExist();
        assertThat(Cli.listing(tmp)).as("files in the folder after the failed run").isEqualTo(before);
    }

    private static List<String> xy(String... more) {
        List<String> a = new ArrayList<>(List.of("--x", "x", "--y", "y"));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void missingColumnIsNamedWithASuggestion() {
        Path flan = Cli.example("flan.csv");
        fitFails(flan, List.of("--x", "finetune_examples", "--y", "los", "--group", "model", "--x-offset", "1"),
                flan.toString(), "no column 'los'", "did you mean 'loss'?");
    }

    @Test
    void nonNumericCell() {
        fitFails("bad.csv", "x,y\n1,2\n2,abc\n3,1\n", xy(), "bad.csv:3", "column 'y'", "'abc' is not a number");
    }

    @Test
    void nanCell() {
        fitFails("nan.csv", "x,y\n1,2\n2,1.5\nNaN,1.4\n", xy(), "nan.csv:4", "column 'x'", "NaN");
    }

    @Test
    void infiniteCell() {
        fitFails("inf.csv", "x,y\n1,2\n2,-Infinity\n3,1.4\n", xy(), "inf.csv:3", "column 'y'", "-Infinity");
    }

    @Test
    void zeroXSuggestsAnOffset() {
        fitFails("zero.csv", GOOD.replace("\n1,2\n", "\n0,2\n"), xy(), "zero.csv:2", "column 'x'", "--x-offset");
    }

    @Test
    void negativeX() {
        fitFails("neg.csv", GOOD.replace("\n3,1.6\n", "\n-3,1.6\n"), xy(), "neg.csv:4", "column 'x'", "-3");
    }

    @Test
    void nonPositiveYInLogSpace() {
        fitFails("y0.csv", GOOD.replace("\n5,1.4\n", "\n5,0\n"), xy(), "y0.csv:6", "column 'y'", "not positive");
        fitFails("yneg.csv", GOOD.replace("\n6,1.3\n", "\n6,-1.3\n"), xy(), "yneg.csv:7", "column 'y'", "-1.3");
    }

    @Test
    void tooFewPointsForTheParameters() {
        fitFails("few.csv", "x,y\n1,2\n2,1.5\n3,1.4\n", xy("--breaks", "1"), "few.csv", "3 points", "6 parameters");
    }

    /** One curve with too few points is bad input; in a batch of groups it fails only its own group (issue 7). */
    @Test
    void oneGroupWithTooFewPointsIsNamed() {
        fitFails("tiny.csv", "x,y\n1,2\n2,1.5\n3,1.4\n", xy("--breaks", "1"), "tiny.csv", "3 points", "6 parameters");

        StringBuilder csv = new StringBuilder("g,x,y\n");
        for (String line : GOOD.split("\n")) {
            if (!line.startsWith("x")) csv.append("big,").append(line).append('\n');
        }
        csv.append("small,1,2\nsmall,2,1.5\nsmall,3,1.4\n");
        Path in = Cli.write(tmp, "groups.csv", csv.toString());
        Cli.Result r = Cli.run("fit", in.toString(), "--x", "x", "--y", "y", "--group", "g", "--breaks", "1", "--jsonl");
        assertThat(r.code()).isEqualTo(Main.SOME_FAILED);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"name\":\"big\"").contains("\"parameters\"");
        assertThat(lines.get(1)).contains("\"name\":\"small\"").contains("\"error\"").contains("3 points")
                .contains("6 parameters");
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("bnsl: 1 of 2 groups failed").doesNotContain("Exception");
    }

    @Test
    void emptyFile() {
        fitFails("empty.csv", "", xy(), "empty.csv", "empty");
    }

    @Test
    void headerOnlyFile() {
        fitFails("header.csv", "x,y\n", xy(), "header.csv", "no data rows");
    }

    @Test
    void missingInputFile() {
        fitFails(tmp.resolve("nosuch.csv"), xy(), "nosuch.csv", "no such file");
    }

    @Test
    void outputIntoAFolderThatDoesNotExist() {
        Path in = Cli.write(tmp, "good.csv", GOOD);
        Path out = tmp.resolve("nodir").resolve("model.json");
        Cli.Result r = Cli.run("fit", in.toString(), "--x", "x", "--y", "y", "--out", out.toString());
        Cli.assertBadInput(r, "--out", "nodir", "does not exist");
        assertThat(Cli.listing(tmp)).containsExactly("good.csv");
    }

    @Test
    void outputOntoTheInputFileIsRefusedAndTheDataKept() throws java.io.IOException {
        Path in = Cli.write(tmp, "good.csv", GOOD);
        Cli.Result r = Cli.run("fit", in.toString(), "--x", "x", "--y", "y", "--out", in.toString());
        Cli.assertBadInput(r, "--out", "good.csv", "input file");
        assertThat(java.nio.file.Files.readString(in)).isEqualTo(GOOD);
        assertThat(Cli.listing(tmp)).containsExactly("good.csv");
    }

    @Test
    void unknownSpace() {
        Path in = Cli.write(tmp, "good.csv", GOOD);
        fitFails(in, xy("--space", "loglog"), "'loglog'", "log1p");
    }

    @Test
    void tooManyBreaks() {
        Path in = Cli.write(tmp, "good.csv", GOOD);
        fitFails(in, xy("--breaks", "7"), "--breaks", "7");
    }

    // --- predict ---

    private Path model(String name, String content) {
        return Cli.write(tmp, name, content);
    }

    private void assertPredictFails(List<String> args, String... fragments) {
        List<String> before = Cli.listing(tmp);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        Cli.assertBadInput(r, fragments);
        assertThat(Cli.listing(tmp)).isEqualTo(before);
    }

    @Test
    void modelFileThatDoesNotExist() {
        Path m = tmp.resolve("nosuch.json");
        assertPredictFails(List.of("predict", m.toString(), "--at", "1000"), m.toString(), "no such model file");
    }

    @Test
    void modelFileThatIsNotJsonNamesTheLine() {
        Path m = model("broken.json", "{\n  \"format\": \"bnsl-model\",\n  \"version\": 1,\n  oops\n}\n");
        assertPredictFails(List.of("predict", m.toString(), "--at", "1000"), m + ":4:3:", "invalid JSON");
    }

    @Test
    void modelFileWithTextAfterTheJsonIsRefused() throws java.io.IOException {
        Path good = fittedModel();
        Path m = model("trailing.json", java.nio.file.Files.readString(good) + "{\"x\": 1}\n");
        assertPredictFails(List.of("predict", m.toString(), "--at", "1000"), m.toString(), "invalid JSON");
    }

    @Test
    void modelFileOfAnotherVersion() {
        Path m = model("v99.json", "{\"format\": \"bnsl-model\", \"version\": 99, \"law\": \"bnsl\", \"breaks\": 1, \"series\": []}");
        assertPredictFails(List.of("predict", m.toString(), "--at", "1000"), m.toString(), "version 99");
    }

    @Test
    void jsonThatIsNotAModel() {
        Path m = model("data.json", "[{\"x\": 1, \"y\": 2}]");
        assertPredictFails(List.of("predict", m.toString(), "--at", "1000"), m.toString(), "not a bnsl model file");
        Path o = model("object.json", "{\"series\": [{\"name\": \"a\"}]}");
        assertPredictFails(List.of("predict", o.toString(), "--at", "1000"), o.toString(), "not a bnsl model file");
    }

    /** A model file as {@code fit --out} writes it, for one curve fitted in x (no offset). */
    private Path fittedModel() {
        Path in = Cli.write(tmp, "good.csv", GOOD);
        Path m = tmp.resolve("model.json");
        Cli.ok("fit", in.toString(), "--x", "x", "--y", "y", "--breaks", "0", "--out", m.toString());
        return m;
    }

    @Test
    void atThatIsNotANumber() {
        Path m = fittedModel();
        assertPredictFails(List.of("predict", m.toString(), "--at", "1000,abc"), "--at", "'abc'");
    }

    @Test
    void groupThatIsNotInTheModel() {
        Path m = fittedModel();
        assertPredictFails(List.of("predict", m.toString(), "--at", "1000", "--group", "nosuch"),
                m.toString(), "'nosuch'", "good");
    }

    @Test
    void atOutsideTheLawsDomain() {
        // The model was fitted in x (no --x-offset): the law is undefined at x <= 0.
        Path m = fittedModel();
        assertPredictFails(List.of("predict", m.toString(), "--at", "10,0"), "--at", "0", "--x-offset");
        assertPredictFails(List.of("predict", m.toString(), "--at", "-5", "--json"), "--at", "-5");
    }
}
