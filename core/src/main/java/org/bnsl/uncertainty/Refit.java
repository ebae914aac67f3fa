package org.bnsl.uncertainty;

import org.bnsl.data.Series;
import org.bnsl.fit.BnslFitter;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.LawFitter;

/**
 * Fits a law again to a resample of the data, starting from the original fit. Implementations must
 * be thread-safe and deterministic: the bootstrap calls them concurrently, one resample each.
 * An exception means the refit failed; the bootstrap records it and drops that resample.
 */
@FunctionalInterface
public interface Refit {
    Fit refit(Series resample, Fit start);

    /** {@link BnslFitter#refit}: the polish only, from the start, in the start's family. */
    static Refit bnsl(FitOptions options) {
        return (s, start) -> BnslFitter.refit(s, options, start);
    }

    /** {@link LawFitter#refit}: one Levenberg–Marquardt run from the start (and the Huber polish). */
    static Refit law(LawFitter fitter) {
        return fitter::refit;
    }

    /** A full fit from scratch each time (slower; for comparison with the warm starts). */
    static Refit bnslFromScratch(FitOptions options) {
        return (s, start) -> BnslFitter.fit(s, options);
    }
}
