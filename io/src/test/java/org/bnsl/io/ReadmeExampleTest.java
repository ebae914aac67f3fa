package org.bnsl.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's "Use it from Java" example is {@code io/src/test/java/FitFourDigitAddition.java},
 * word for word, and it runs: it fits the bundled 4-digit addition curve, predicts at 10× its
 * largest x with an interval, lists the break, and saves and loads the model.
 */
class ReadmeExampleTest {
    private static Path module() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    private static Path repository() {
        Path m = module();
        return Files.isRegularFile(m.resolve("README.md")) && Files.isDirectory(m.resolve("io")) ? m : m.getParent();
    }

    @Test
    void readmeShowsTheExampleThatIsCompiledHere() throws Exception {
        String readme = Files.readString(repository().resolve("README.md"));
        int section = readme.indexOf("## Use it from Java");
        assertThat(section).as("the README's section").isNotNegative();
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find(section)).as("a java block in the section").isTrue();
        String source = Files.readString(repository().resolve("io/src/test/java/FitFourDigitAddition.java"));
        assertThat(m.group(1)).isEqualTo(source);
    }

    @Test
    void exampleRunsAndPrintsThePredictionTheBreakAndTheReloadedModel() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Class.forName("FitFourDigitAddition").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {Examples.path("four_digit_addition.csv").toString()});
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher pred = Pattern.compile("loss at 9280: ([0-9.]+) \\(90%: ([0-9.]+) to ([0-9.]+)\\)").matcher(text);
        assertThat(pred.find()).as(text).isTrue();
        double y = Double.parseDouble(pred.group(1));
        assertThat(y).isBetween(Double.parseDouble(pred.group(2)), Double.parseDouble(pred.group(3)));
        // the sharp break of 4-digit addition, near 613 examples
        assertThat(text).containsPattern("break 1 at x = 6[01][0-9]\\.[0-9]: slope ");
        assertThat(text).contains("holdout RMSLE: 0.0");
        assertThat(text).contains("loaded: " + pred.group(1));
    }
}
