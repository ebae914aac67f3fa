package org.bnsl.select;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.fit.FitOptions;
import org.bnsl.fit.LawFitOptions;
import org.bnsl.fit.Parallel;
import org.bnsl.law.Bnsl;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Laws;
import org.bnsl.uncertainty.Quantiles;

/**
 * Does {@code --law auto} earn its keep? A seeded suite of synthetic learning curves drawn from
 * every default candidate (a 1-break BNSL, m2, m4, offset-power, rectified), each with 24
 * log-spaced points over 3 decades and multiplicative noise drawn log-uniformly from 0.2% to 3%.
 * The first 18 points are fitted, the last 6 (up to 6.3× beyond) held out. Reports the median
 * holdout RMSLE of the automatic choice and of every candidate used for every curve, and the
 * confusion between true and chosen laws.
 */
public final class ChoiceSuite {
    static final String[] TRUTHS = {"bnsl", "m2", "m4", "offset-power", "rectified"};
    static final int POINTS = 24;
    static final int TRAIN = 18;

    private ChoiceSuite() {
    }

    /** One curve's outcome: its true law, the chosen candidate and every candidate's holdout RMSLE. */
    public record Trial(String truth, double noise, String chosen, double autoRmsle, Map<String, Double> singles,
            Map<String, Double> scores) {
    }

    /** Medians over the suite and the confusion counts (true law → chosen family → count). */
    public record Summary(int curves, double autoMedian, Map<String, Double> singleMedians,
            Map<String, Map<String, Integer>> confusion) {
        public String bestSingle() {
            return singleMedians.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    /** A curve from {@code truth} with the given noise, seeded by {@code rnd}. */
    public static Series curve(String truth, double noise, Random rnd) {
        double[] x = new double[POINTS];
        double lx0 = 2 + 2 * rnd.nextDouble();
        for (int i = 0; i < POINTS; i++) x[i] = Math.pow(10, lx0 + 3.0 * i / (POINTS - 1));
        double[] y = truth(truth, x, rnd);
        for (int i = 0; i < POINTS; i++) y[i] *= Math.exp(noise * rnd.nextGaussian());
        return Series.of(truth, x, y);
    }

    private static double[] truth(String law, double[] x, Random r) {
        int n = x.length;
        double[] y = new double[n];
        double x0 = x[0];
        switch (law) {
            case "m2" -> {
                double einf = 0.3 + 1.5 * r.nextDouble();
                double c = -(0.1 + 0.6 * r.nextDouble());
                double beta = (0.5 + 3 * r.nextDouble()) / Math.pow(x0, c);
                for (int i = 0; i < n; i++) y[i] = einf + beta * Math.pow(x[i], c);
            }
            case "offset-power" -> {
                double l0 = 0.3 + 1.5 * r.nextDouble();
                double alpha = 0.1 + 0.6 * r.nextDouble();
                double xs = x0 * Math.pow(0.5 + 3 * r.nextDouble(), 1 / alpha);
                for (int i = 0; i < n; i++) y[i] = l0 + Math.pow(xs / x[i], alpha);
            }
            case "rectified" -> {
                double c = 0.3 + 1.5 * r.nextDouble();
                double alpha = 0.2 + 0.6 * r.nextDouble();
                double b = Math.pow(x[(int) (r.nextDouble() * 12)], alpha);
                double a = (0.5 + 3 * r.nextDouble()) * b;
                for (int i = 0; i < n; i++) y[i] = a / (Math.pow(x[i], alpha) + b) + c;
            }
            case "m4" -> {
                FittableLaw m4 = Laws.byName("m4");
                List<String> ps = m4.parameters();
                double einf = 0.2 + r.nextDouble();
                double e0 = einf + 1 + 2 * r.nextDouble();
                double alpha = 0.5 + 1.5 * r.nextDouble();
                double c = -(0.2 + 0.6 * r.nextDouble());
                double y0 = einf + (0.7 + 0.25 * r.nextDouble()) * (e0 - einf);
                double[] p = new double[ps.size()];
                p[ps.indexOf("einf")] = einf;
                p[ps.indexOf("e0")] = e0;
                p[ps.indexOf("alpha")] = alpha;
                p[ps.indexOf("beta")] = (y0 - einf) / Math.pow(e0 - y0, alpha) / Math.pow(x0, c);
                p[ps.indexOf("c")] = c;
                for (int i = 0; i < n; i++) y[i] = m4.value(p, new double[] {x[i]});
            }
            default -> {
                Bnsl b = Bnsl.withBreaks(1);
                double[] p = {0, 1, 0.1 + 0.4 * r.nextDouble(), (r.nextBoolean() ? 1 : -1) * (0.1 + 0.5 * r.nextDouble()),
                    x[4 + r.nextInt(10)], 0.05 + 0.5 * r.nextDouble()};
                if (p[2] + p[3] < 0.05) p[3] = -p[3];
                p[1] = (1 + 3 * r.nextDouble()) / b.value(p, x0);
                p[0] = r.nextDouble() * 0.5 * b.value(p, x[n - 1]);
                for (int i = 0; i < n; i++) y[i] = b.value(p, x[i]);
            }
        }
        return y;
    }

    /** Runs {@code perLaw} curves of each true law, seeded, on {@code threads} threads. */
    public static List<Trial> run(int perLaw, long seed, int threads) {
        Random rnd = new Random(seed);
        List<Object[]> specs = new ArrayList<>();
        for (String t : TRUTHS) {
            for (int k = 0; k < perLaw; k++) {
                double noise = Math.exp(Math.log(0.002) + rnd.nextDouble() * Math.log(15));
                specs.add(new Object[] {t, noise, rnd.nextLong()});
            }
        }
        return Parallel.map(specs, s -> trial((String) s[0], (Double) s[1], new Random((Long) s[2])), threads);
    }

    static Trial trial(String truth, double noise, Random rnd) {
        Series all = curve(truth, noise, rnd);
        Holdout split = Holdout.above(all, all.x(0, TRAIN - 1));
        AutoFit.Options o = AutoFit.Options.defaults(Extrapolation.horizon(split, 2));
        AutoFit.Outcome auto = AutoFit.laws(split.train(), AutoFit.DEFAULT_CANDIDATES, FitOptions.breaks(0),
                LawFitOptions.defaults(), o, null);
        Map<String, Double> singles = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (ModelChoice.Scored s : auto.scored()) {
            scores.put(s.candidate().name(), s.score());
            double r;
            try {
                Fit f = s.candidate().fitter().apply(split.train());
                r = Extrapolation.of(split, f).holdoutRmsle();
            } catch (RuntimeException e) {
                r = Double.POSITIVE_INFINITY;
            }
            singles.put(s.candidate().name(), Double.isNaN(r) ? Double.POSITIVE_INFINITY : r);
        }
        double a = Extrapolation.of(split, auto.fit()).holdoutRmsle();
        String chosen = auto.chosen().startsWith("bnsl") ? "bnsl:auto" : auto.chosen();
        return new Trial(truth, noise, chosen, Double.isNaN(a) ? Double.POSITIVE_INFINITY : a, singles, scores);
    }

    public static Summary summarize(List<Trial> trials) {
        double[] auto = trials.stream().mapToDouble(Trial::autoRmsle).toArray();
        Map<String, Double> singles = new LinkedHashMap<>();
        for (String name : trials.get(0).singles().keySet()) {
            singles.put(name, Quantiles.median(trials.stream().mapToDouble(t -> t.singles().get(name)).toArray()));
        }
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        for (Trial t : trials) {
            confusion.computeIfAbsent(t.truth(), k -> new TreeMap<>()).merge(t.chosen(), 1, Integer::sum);
        }
        return new Summary(trials.size(), Quantiles.median(auto), singles, confusion);
    }
}
