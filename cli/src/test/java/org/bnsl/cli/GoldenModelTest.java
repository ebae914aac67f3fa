package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Model files written by bnsl 0.1.0 (test resources {@code golden/}, see its README) load and
 * predict exactly what they predicted then: saved models keep working in later versions.
 */
class GoldenModelTest {
    private static Path golden(String name) {
        try {
            return Path.of(GoldenModelTest.class.getResource("/golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(Path file) throws IOException {
        return Json.MAPPER.readTree(Files.readString(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bnsl", "bootstrap"})
    void oneVariableModelsPredictExactlyAsWhenTheyWereWritten(String kind) throws IOException {
        Path model = golden("model-v1-" + kind + ".json");
        Cli.Result r = Cli.ok("predict", model.toString(), "--at", "100,736,928,2000,10000", "--json");
        // JsonNode equality compares every number exactly (doubles as written by the old version)
        assertThat(r.json()).isEqualTo(json(golden("model-v1-" + kind + ".predict.json")));
    }

    @Test
    void bootstrapResamplesAreRestored() {
        List<ModelFile.Entry> entries = ModelFile.read(golden("model-v1-bootstrap.json"));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).bootstrap()).isNotNull();
        assertThat(entries.get(0).bootstrap().parameters()).hasNumberOfRows(100);
        assertThat(entries.get(0).bootstrap().level()).isEqualTo(0.9);
    }

    @Test
    void chinchillaModelGivesTheSameLossAtEveryPoint() throws IOException {
        Path model = golden("model-v1-chinchilla.json");
        ModelFile.Entry e = ModelFile.read(model).get(0);
        assertThat(e.law().name()).isEqualTo("chinchilla");
        JsonNode points = json(golden("model-v1-chinchilla.predict.json")).get("points");
        assertThat(points).hasSize(4);
        for (JsonNode p : points) {
            double y = e.law().value(e.parameters(), new double[] {p.get("N").asDouble(), p.get("D").asDouble()});
            assertThat(y).as("loss at N=%s, D=%s", p.get("N"), p.get("D")).isEqualTo(p.get("predicted").asDouble());
        }
        ModelFile.FittedWith made = ModelFile.fittedWith(model);
        assertThat(made.columns()).containsEntry("N", "params").containsEntry("D", "tokens");
        assertThat(made.where()).isEqualTo("loss < 3.4469");
        Cli.ok("plan", model.toString(), "--budget", "1e21");
    }
}
