package org.bnsl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.bnsl.testing.Examples;
import org.bnsl.testing.SyntheticLaws;
import org.junit.jupiter.api.Test;

/**
 * The synthetic sets in examples/ are exactly what {@link SyntheticLaws} generates from the published
 * constants (their provenance). On a mismatch the generated text is written to target/synthetic/.
 */
class SyntheticExamplesTest {
    @Test
    void bundledSyntheticSetsAreTheGeneratorsOutput() throws IOException {
        Map<String, String> files = Map.of("densing_synthetic.csv", SyntheticLaws.densing(),
                "transfer_scratch_synthetic.csv", SyntheticLaws.transferScratch(),
                "transfer_finetune_synthetic.csv", SyntheticLaws.transferFinetune(),
                "inference_coverage_synthetic.csv", SyntheticLaws.inferenceCoverage());
        Path out = Path.of(System.getProperty("basedir", "."), "target", "synthetic");
        Files.createDirectories(out);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(out.resolve(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            assertThat(Files.readString(Examples.path(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
