package org.bnsl.server;

import java.util.List;

import org.bnsl.io.FitSpec;
import org.bnsl.io.report.Figure;

/**
 * A request's fields as a {@link FitSpec}: the options of {@code bnsl fit} with snake_case names
 * ({@code holdout_above} for {@code --holdout-above}, {@code var}, {@code init}, {@code bound} and
 * {@code fix} as lists). The spec's builder checks them, as it does the command line's, so both
 * refuse the same values with the same messages. The server decides the threads: one per request.
 */
final class Specs {
    private Specs() {
    }

    /** The input, law and holdout options, and the bootstrap's when {@code bootstrap} (fit has them, compare not). */
    static FitSpec fit(ApiRequest r, boolean bootstrap) {
        return fit(r, bootstrap, r.string("law"));
    }

    /** As {@link #fit(ApiRequest, boolean)}, with the law decided by the caller (compare's rule). */
    static FitSpec fit(ApiRequest r, boolean bootstrap, String law) {
        FitSpec.Builder b = FitSpec.builder();
        b.x(r.string("x"));
        each(r.strings("var"), b::var);
        b.y(r.string("y"));
        b.group(r.string("group"));
        b.weights(r.string("weights"));
        b.where(r.string("where"));
        b.law(law);
        b.formula(r.string("formula"));
        b.breaks(r.string("breaks"));
        b.fallback(r.string("fallback"));
        b.candidates(r.strings("candidates"));
        if (r.has("space")) b.space(r.string("space"));
        if (r.has("loss")) b.loss(r.string("loss"));
        b.overestimatePenalty(r.number("overestimate_penalty"));
        each(r.strings("init"), b::init);
        each(r.strings("bound"), b::bound);
        each(r.strings("fix"), b::fix);
        b.starts(r.integer("starts"));
        b.direction(r.string("direction"));
        Double shift = r.number("x_offset");
        if (shift != null) b.xOffset(shift);
        b.holdoutAbove(r.number("holdout_above"));
        b.holdoutWhere(r.string("holdout_where"));
        if (bootstrap) {
            b.bootstrap(r.integer("bootstrap"));
            Double seed = r.number("seed");
            if (seed != null) b.seed(seed(seed));
            Double level = r.number("level");
            if (level != null) b.level(level);
        }
        b.threads(1);
        return b.build();
    }

    /** A seed: a whole number (within a double's exact integers). */
    static long seed(double seed) {
        if (seed != Math.rint(seed) || Math.abs(seed) > 9.007199254740992E15) {
            throw ApiException.badInput("seed: expected a whole number, got " + seed, "seed");
        }
        return (long) seed;
    }

    /** A field the operation needs. */
    static void require(String value, String field, String what) {
        if (value == null) {
            throw ApiException.badInput("missing " + field + ": " + what, field);
        }
    }

    /** Fields that go with another are refused without it, as the command line refuses such options. */
    static void refuseUnused(ApiRequest r, boolean given, String needed, String... fields) {
        for (String f : fields) {
            if (!given && r.has(f)) {
                throw ApiException.badInput(f + " goes with " + needed, f);
            }
        }
    }

    /** The figure of a fit as {@code bnsl fit --plot} and {@code bnsl report} draw it by default. */
    static Figure.Options figureOptions() {
        return new Figure.Options(null, null, false, false, null);
    }

    private static void each(List<String> values, java.util.function.Consumer<String> add) {
        if (values != null) values.forEach(add);
    }
}
