package org.bnsl.fit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bnsl.InputException;

/**
 * How {@link LawFitter} fits: the loss, the space residuals live in, an asymmetric penalty,
 * fixed parameters, user bounds and initial values, and the number of starts. Immutable; make
 * one with {@link #builder()}, whose {@link Builder#build()} checks everything that can be checked
 * without the law (parameter names are checked by {@link LawFitter}).
 *
 * @param loss                squared or Huber
 * @param space               residual ln ŷ − ln y, ln(ŷ+1) − ln(y+1) or ŷ − y (see {@link Objective})
 * @param overestimatePenalty W: a residual where the fit lies above the data weighs W times
 * @param fixed               parameters held at a value
 * @param bounds              user bounds, intersected with each law's hard bounds
 * @param inits               initial values used by the first start
 * @param starts              number of quasi-random starts (the first is the centre of the ranges)
 * @param parallel            run starts on the common fork-join pool; the result is the same
 * @param maxIterations       Levenberg–Marquardt iterations per start
 * @param widerSearch         search again from 4 times the starts over wider ranges when the best fit
 *                            of several starts has a parameter on a bound the user did not give or a
 *                            collapsed scale (on by default; off measures its cost)
 */
public record LawFitOptions(Loss loss, Objective space, double overestimatePenalty, Map<String, Double> fixed,
                         Map<String, Bound> bounds, Map<String, Double> inits, int starts, boolean parallel,
                         int maxIterations, boolean widerSearch) {

    /**
     * The per-residual loss ρ: squared (ρ(r) = r²) or Huber (ρ(r) = r²/2 for |r| &lt;= δ, else
     * δ·(|r| − δ/2)). The objective is Σ wᵢ·ρ(rᵢ), summed, never averaged.
     */
    public record Loss(boolean huber, double delta) {
        public static Loss squared() {
            return new Loss(false, Double.NaN);
        }

        public static Loss huber(double delta) {
            return new Loss(true, delta);
        }

        /** Parses {@code squared} or {@code huber(δ)}. */
        public static Loss parse(String s) {
            String t = s.trim();
            if (t.equals("squared")) return squared();
            if (t.startsWith("huber(") && t.endsWith(")")) {
                return huber(number(t.substring(6, t.length() - 1), "loss '" + s + "'"));
            }
            throw new InputException("loss '" + s + "': expected 'squared' or 'huber(delta)'");
        }

        @Override
        public String toString() {
            return huber ? "huber(" + delta + ")" : "squared";
        }
    }

    /** A closed interval {@code lower..upper}; either end may be infinite. */
    public record Bound(double lower, double upper) {
    }

    public LawFitOptions {
        fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        bounds = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
        inits = Collections.unmodifiableMap(new LinkedHashMap<>(inits));
    }

    public static LawFitOptions defaults() {
        return builder().build();
    }

    /** Squared loss, no penalty, and nothing fixed, bounded or initialised by the user. */
    public boolean isPlain() {
        return !loss.huber() && overestimatePenalty == 1 && fixed.isEmpty() && bounds.isEmpty() && inits.isEmpty();
    }

    /** Every parameter name the user gave: fixed, bounded or initialised. */
    public java.util.Set<String> names() {
        java.util.Set<String> s = new java.util.LinkedHashSet<>(fixed.keySet());
        s.addAll(bounds.keySet());
        s.addAll(inits.keySet());
        return s;
    }

    /** The same options keeping only the fixes, bounds and inits of the parameters in {@code names}. */
    public LawFitOptions restrictedTo(java.util.Collection<String> names) {
        Map<String, Double> f = new LinkedHashMap<>(fixed);
        Map<String, Bound> b = new LinkedHashMap<>(bounds);
        Map<String, Double> i = new LinkedHashMap<>(inits);
        f.keySet().retainAll(names);
        b.keySet().retainAll(names);
        i.keySet().retainAll(names);
        return new LawFitOptions(loss, space, overestimatePenalty, f, b, i, starts, parallel, maxIterations, widerSearch);
    }

    /** The same options with the space {@code s}. */
    public LawFitOptions withSpace(Objective s) {
        return new LawFitOptions(loss, s, overestimatePenalty, fixed, bounds, inits, starts, parallel, maxIterations, widerSearch);
    }

    /** The same options with {@code n} starts of at most {@code iterations} iterations each. */
    public LawFitOptions withStarts(int n, int iterations) {
        return new LawFitOptions(loss, space, overestimatePenalty, fixed, bounds, inits, n, parallel, iterations, widerSearch);
    }

    /** The same options with these inits (replacing the user's). */
    public LawFitOptions withInits(Map<String, Double> i) {
        return new LawFitOptions(loss, space, overestimatePenalty, fixed, bounds, i, starts, parallel, maxIterations, widerSearch);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static double number(String s, String where) {
        String t = s.trim();
        try {
            if (t.equals("inf") || t.equals("+inf")) return Double.POSITIVE_INFINITY;
            if (t.equals("-inf")) return Double.NEGATIVE_INFINITY;
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InputException(where + ": '" + t + "' is not a number");
        }
    }

    /** Builds {@link LawFitOptions}; {@link #build()} validates. */
    public static final class Builder {
        private Loss loss = Loss.squared();
        private Objective space = Objective.LOG;
        private double overestimatePenalty = 1;
        private final Map<String, Double> fixed = new LinkedHashMap<>();
        private final Map<String, Bound> bounds = new LinkedHashMap<>();
        private final Map<String, Double> inits = new LinkedHashMap<>();
        private int starts = 32;
        private boolean parallel;
        private int maxIterations = 500;
        private boolean widerSearch = true;

        public Builder loss(Loss loss) { this.loss = loss; return this; }

        public Builder space(Objective space) { this.space = space; return this; }

        public Builder overestimatePenalty(double w) { this.overestimatePenalty = w; return this; }

        public Builder fix(String name, double value) { fixed.put(name, value); return this; }

        /** {@code name=value}. */
        public Builder fix(String spec) {
            String[] kv = split(spec, "fix");
            return fix(kv[0], number(kv[1], "fix '" + spec + "'"));
        }

        public Builder bound(String name, double lower, double upper) { bounds.put(name, new Bound(lower, upper)); return this; }

        /** {@code name=lo..hi}; either end may be {@code inf}/{@code -inf}. */
        public Builder bound(String spec) {
            String[] kv = split(spec, "bound");
            int dots = kv[1].indexOf("..");
            if (dots < 0) throw new InputException("bound '" + spec + "': expected name=lo..hi");
            String w = "bound '" + spec + "'";
            return bound(kv[0], number(kv[1].substring(0, dots), w), number(kv[1].substring(dots + 2), w));
        }

        public Builder init(String name, double value) { inits.put(name, value); return this; }

        /** {@code name=value}. */
        public Builder init(String spec) {
            String[] kv = split(spec, "init");
            return init(kv[0], number(kv[1], "init '" + spec + "'"));
        }

        public Builder starts(int n) { this.starts = n; return this; }

        public Builder parallel(boolean p) { this.parallel = p; return this; }

        public Builder maxIterations(int n) { this.maxIterations = n; return this; }

        public Builder widerSearch(boolean on) { this.widerSearch = on; return this; }

        private static String[] split(String spec, String what) {
            int eq = spec.indexOf('=');
            if (eq <= 0) throw new InputException(what + " '" + spec + "': expected name=value");
            return new String[] {spec.substring(0, eq).trim(), spec.substring(eq + 1).trim()};
        }

        public LawFitOptions build() {
            if (loss == null) throw new InputException("loss is missing");
            if (space == null) throw new InputException("space is missing");
            if (loss.huber() && !(loss.delta() > 0 && Double.isFinite(loss.delta()))) {
                throw new InputException("huber delta must be positive and finite, got " + loss.delta());
            }
            if (!(overestimatePenalty > 0) || !Double.isFinite(overestimatePenalty)) {
                throw new InputException("overestimate penalty must be positive and finite, got " + overestimatePenalty);
            }
            if (starts < 1 || starts > 100_000) throw new InputException("starts must be in 1..100000, got " + starts);
            if (maxIterations < 1) throw new InputException("max iterations must be >= 1, got " + maxIterations);
            for (Map.Entry<String, Double> e : fixed.entrySet()) {
                if (!Double.isFinite(e.getValue())) throw new InputException("fix " + e.getKey() + "=" + e.getValue() + ": not finite");
                if (inits.containsKey(e.getKey())) throw new InputException("parameter " + e.getKey() + " is both fixed and given an init");
                Bound b = bounds.get(e.getKey());
                if (b != null && (e.getValue() < b.lower() || e.getValue() > b.upper())) {
                    throw new InputException("fix " + e.getKey() + "=" + e.getValue() + " lies outside its bound "
                            + b.lower() + ".." + b.upper());
                }
            }
            for (Map.Entry<String, Bound> e : bounds.entrySet()) {
                Bound b = e.getValue();
                if (Double.isNaN(b.lower()) || Double.isNaN(b.upper()) || b.lower() > b.upper()) {
                    throw new InputException("bound " + e.getKey() + "=" + b.lower() + ".." + b.upper() + ": lower > upper");
                }
            }
            for (Map.Entry<String, Double> e : inits.entrySet()) {
                if (!Double.isFinite(e.getValue())) throw new InputException("init " + e.getKey() + "=" + e.getValue() + ": not finite");
                Bound b = bounds.get(e.getKey());
                if (b != null && (e.getValue() < b.lower() || e.getValue() > b.upper())) {
                    throw new InputException("init " + e.getKey() + "=" + e.getValue() + " lies outside its bound "
                            + b.lower() + ".." + b.upper());
                }
            }
            return new LawFitOptions(loss, space, overestimatePenalty, fixed, bounds, inits, starts, parallel, maxIterations, widerSearch);
        }
    }
}
