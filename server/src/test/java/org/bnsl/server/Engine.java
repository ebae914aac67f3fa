package org.bnsl.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.bnsl.io.Bnsl;
import org.bnsl.io.FitSpec;
import org.bnsl.io.Model;

/** The engine's own answers for the page's fit (the library's entry point, as {@code bnsl fit} and {@code bnsl predict}), to check the page against. */
final class Engine {
    private Engine() {
    }

    /** The 1-break fit of the 4-digit-addition curve up to x = 736: the page's break and its prediction at x are the engine's. */
    static void check(Path csv, double pageBreak, double x, double predicted) {
        Model m = fit(csv);
        double engineBreak = m.breaks().get(0).x();
        assertThat(pageBreak).as("the break shown on the page").isCloseTo(engineBreak, within(1e-9 * engineBreak));
        double expected = m.predict(x);
        assertThat(predicted).as("the prediction shown at x = %s", x).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }

    /** A parameter of that fit, as a table cell's {@code data-value} shows it, is the engine's (the cell carries the double's full text). */
    static void checkParameter(Path csv, String name, double shown) {
        assertThat(shown).as("parameter %s shown on the page", name).isEqualTo(fit(csv).parameters().get(name));
    }

    private static Model fit(Path csv) {
        return Bnsl.fitFile(csv, FitSpec.builder().x("dataset_size").y("test_cross_entropy").breaks(1).holdoutAbove(736.0)
                .build()).get(0).model();
    }
}
