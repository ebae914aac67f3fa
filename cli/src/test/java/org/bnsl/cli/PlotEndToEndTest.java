package org.bnsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.bnsl.io.report.FigureRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code bnsl fit --plot}, {@code bnsl plot} and their bad input, on the real data sets. */
class PlotEndToEndTest {
    @TempDir
    Path tmp;

    private static List<String> addition(String... more) {
        List<String> a = new ArrayList<>(List.of("fit", Cli.example("four_digit_addition.csv").toString(),
                "--x", "dataset_size", "--y", "test_cross_entropy", "--breaks", "1", "--holdout-above", "736"));
        a.addAll(List.of(more));
        return a;
    }

    private static Document xml(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(svg.toFile());
    }

    @Test
    void svgPlotIsWellFormedWithCurvesMarkersAndTheBreakLabelled() throws Exception {
        Path svg = tmp.resolve("fit.svg");
        Cli.ok(addition("--plot", svg.toString()).toArray(String[]::new));
        Document d = xml(svg);
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
        // the fitted curve, the data markers and the residual markers are all paths
        assertThat(d.getElementsByTagNameNS("*", "path").getLength()).isGreaterThan(14 + 3 + 14 + 3);
        String desc = d.getElementsByTagNameNS("*", "desc").item(0).getTextContent();
        assertThat(desc).contains("x axis: dataset_size").contains("y axis: test_cross_entropy").contains("14 fitted, 3 held out");
        // the break label is real text: d₁ near 610 and the slopes either side
        StringBuilder text = new StringBuilder();
        var texts = d.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < texts.getLength(); i++) text.append(texts.item(i).getTextContent()).append('\n');
        assertThat(text.toString()).containsPattern("d₁ = 6\\d\\d: slope −0\\.\\d+ → −\\d");
    }

    @Test
    void pngPlotDecodesAndIsNotBlank() throws IOException {
        Path png = tmp.resolve("fit.png");
        Cli.ok(addition("--plot", png.toString(), "--linear-y", "--x-label", "examples").toArray(String[]::new));
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isPositive();
        assertThat(img.getHeight()).isPositive();
        int white = 0xFFFFFFFF;
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                if (img.getRGB(x, y) != white) coloured++;
            }
        }
        assertThat(coloured).as("non-white sampled pixels").isGreaterThan(1000);
    }

    @Test
    void twoVariableLawsGetOneCurvePerBudgetAndFacetsGetOnePanelPerGroup() throws Exception {
        Path svg = tmp.resolve("chinchilla.svg");
        Cli.ok("fit", Cli.example("hoffmann2022_fig4_epoch_extraction.csv").toString(), "--law", "chinchilla",
                "--var", "N=params", "--var", "D=tokens", "--y", "loss", "--loss", "huber:1e-3", "--where", "loss < 3.4469",
                "--plot", svg.toString());
        String desc = xml(svg).getElementsByTagNameNS("*", "desc").item(0).getTextContent();
        assertThat(desc).contains("x axis: params").contains("IsoFLOP curves, C = 6·params·tokens");
        // issue 10 item 8: each curve at its own runs' geometric-mean budget, not at rounded {1, 3}×10^k
        // (measured: 9 curves, 2.6e18 … 8.1e21, all 240 runs on one of them)
        assertThat(desc).contains("C ≈ 7.7e18 (44 fitted").contains("C ≈ 2.6e20 (42 fitted").doesNotContain("C ≈ 1e19");

        Path facets = tmp.resolve("flan.png");
        Cli.ok("fit", Cli.example("flan.csv").toString(), "--x", "finetune_examples", "--y", "loss", "--group", "model",
                "--x-offset", "1", "--breaks", "1", "--facet", "--plot", facets.toString());
        BufferedImage img = ImageIO.read(facets.toFile());
        assertThat(img.getWidth()).isEqualTo(2 * 3 * FigureRenderer.FACET_WIDTH);
    }

    @Test
    void plotRedrawsAModelFileOverItsData() throws Exception {
        Path model = tmp.resolve("m.json");
        Cli.ok(addition("--out", model.toString()).toArray(String[]::new));
        Path svg = tmp.resolve("again.svg");
        Cli.ok("plot", model.toString(), "--data", Cli.example("four_digit_addition.csv").toString(), "--out", svg.toString());
        String desc = xml(svg).getElementsByTagNameNS("*", "desc").item(0).getTextContent();
        assertThat(desc).contains("14 fitted, 3 held out").contains("d₁ = 6");
    }

    @Test
    void badPlotRequestsAreOneLineExitTwoAndNoFile() throws IOException {
        Path gif = tmp.resolve("out.gif");
        Cli.assertBadInput(Cli.run(addition("--plot", gif.toString()).toArray(String[]::new)), "--plot", "unknown image type '.gif'");
        Path missing = tmp.resolve("no/such/folder/out.svg");
        Cli.assertBadInput(Cli.run(addition("--plot", missing.toString()).toArray(String[]::new)), "--plot", "does not exist");
        Path csv = Cli.write(tmp, "three.csv", "n,d,u,y\n1,2,3,4\n2,3,4,3\n3,4,5,2\n4,5,6,1.5\n5,6,7,1.2\n6,7,8,1.1\n");
        Path svg = tmp.resolve("dc.svg");
        Cli.assertBadInput(Cli.run("fit", csv.toString(), "--law", "data-constrained", "--var", "N=n", "--var", "D=d",
                "--var", "U=u", "--y", "y", "--plot", svg.toString()), "--plot", "only laws of one or two variables can be drawn");
        Cli.assertBadInput(Cli.run("report", Cli.example("four_digit_addition.csv").toString(), "--x", "dataset_size",
                "--y", "test_cross_entropy", "--out", tmp.resolve("nowhere/r.html").toString()), "--out", "does not exist");
        Path model = tmp.resolve("m.json");
        Cli.ok(addition("--out", model.toString()).toArray(String[]::new));
        Cli.assertBadInput(Cli.run("plot", model.toString(), "--data", Cli.example("four_digit_addition.csv").toString(),
                "--out", tmp.resolve("x.jpg").toString()), "--out", "unknown image type '.jpg'");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("m.json", "three.csv");
        }
    }
}
