package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bnsl.select.Backtest;
import org.bnsl.select.ChoiceSuite;
import org.bnsl.select.CommitteeTuning;
import org.bnsl.uncertainty.Quantiles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The renderings of {@code bnsl bench}: the timing lines, the {@code --choice} suite's summary, the
 * backtest of a corpus ({@code --corpus}: per file, per source and overall, through
 * {@link BacktestReport}) and its leave-one-source-out form ({@code --loso}), as JSON and text.
 */
public final class BenchReport {
    private BenchReport() {
    }

    /** The first line of the timings: the version, the machine and the runs per case. */
    public static String timingsHeader(String version, int cores, int warmup, int runs) {
        return String.format(Locale.ROOT, "bnsl %s on %d cores, %s %s; %d warm-up and %d timed runs per case%n", version, cores,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), warmup, runs);
    }

    /** One timed case: the median, 10th and 90th percentiles of {@code ms}, the run times in milliseconds sorted ascending. */
    public static String timing(String name, double[] ms) {
        int runs = ms.length;
        return String.format(Locale.ROOT, "  %-55s median %8.2f ms   p10 %8.2f   p90 %8.2f%n", name, ms[runs / 2],
                ms[runs / 10], ms[Math.min(runs - 1, runs * 9 / 10)]);
    }

    /** What {@code bnsl bench --choice} prints: auto's median holdout RMSLE against each law's, and the confusion of true and chosen laws. */
    public static String choice(ChoiceSuite.Summary s, int curvesPerLaw, long seed, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "--law auto on %d synthetic curves (%d per true law, seed %d), %.0f s%n", s.curves(),
                curvesPerLaw, seed, seconds));
        sb.append(String.format(Locale.ROOT, "  median holdout RMSLE, automatic choice      %.4f%n", s.autoMedian()));
        s.singleMedians().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  median holdout RMSLE, always %-14s %.4f%s%n", k, v,
                k.equals(s.bestSingle()) ? "   (best single)" : "")));
        sb.append("  confusion (true law → chosen):").append(System.lineSeparator());
        s.confusion().forEach((t, m) -> sb.append(String.format(Locale.ROOT, "    %-13s %s%n", t, m)));
        return sb.toString();
    }

    /** One corpus file's backtest: its source (its folder, relative to the corpus), its name, its report. */
    public record CorpusFile(String source, String name, Backtest.Report report) {
    }

    /**
     * A corpus backtest ({@code bnsl bench --corpus}): the corpus folder, the candidates and auto's,
     * the bootstrap (null for none), the threads, the time taken, the number of curves, every file's
     * report in order, each source's report (in the order of their first file) and the overall one.
     */
    public record Corpus(String corpus, List<String> candidates, List<String> autoCandidates, Integer bootstrap, int threads,
            double seconds, int curves, List<CorpusFile> files, Map<String, Backtest.Report> sources, Backtest.Report overall) {
    }

    /** What {@code bnsl bench --corpus --json} prints; {@code perCurve} adds each file's per-curve records. */
    public static ObjectNode json(Corpus c, boolean perCurve) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("corpus", c.corpus());
        root.set("candidates", Json.MAPPER.valueToTree(c.candidates()));
        root.set("auto_candidates", Json.MAPPER.valueToTree(c.autoCandidates()));
        if (c.bootstrap() == null) root.putNull("bootstrap");
        else root.put("bootstrap", c.bootstrap());
        root.put("threads", c.threads());
        root.put("seconds", Math.round(c.seconds() * 10) / 10.0);
        ArrayNode sources = root.putArray("sources");
        for (var e : c.sources().entrySet()) {
            ObjectNode s = sources.addObject();
            s.put("name", e.getKey());
            ArrayNode fs = s.putArray("files");
            for (CorpusFile f : c.files()) {
                if (!f.source().equals(e.getKey())) continue;
                ObjectNode fo = fs.addObject();
                fo.put("name", f.name());
                fo.setAll(BacktestReport.json(f.report(), perCurve));
            }
            ObjectNode sum = BacktestReport.json(e.getValue(), false);
            sum.remove("failed");
            s.setAll(sum);
        }
        ObjectNode o = BacktestReport.json(c.overall(), false);
        o.remove("failed");
        root.set("overall", o);
        return root;
    }

    /** What {@code bnsl bench --corpus} prints: the holdout RMSLE per file, per source and overall; {@code version} is bnsl's. */
    public static String text(Corpus c, String version) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(String.format(Locale.ROOT, "bnsl %s: backtest of %s (%d files, %d curves) on %d threads, %.0f s; holdout RMSLE%n",
                version, c.corpus(), c.files().size(), c.curves(), c.threads(), c.seconds()));
        String lastSource = null;
        for (CorpusFile f : c.files()) {
            if (!f.source().equals(lastSource)) {
                if (lastSource != null) {
                    sb.append(BacktestReport.text("source " + lastSource, c.sources().get(lastSource), false));
                }
                lastSource = f.source();
                sb.append(nl);
            }
            sb.append(BacktestReport.text(f.source() + "/" + f.name(), f.report(), false));
        }
        sb.append(BacktestReport.text("source " + lastSource, c.sources().get(lastSource), false));
        sb.append(nl);
        sb.append(BacktestReport.text("overall", c.overall(), false));
        return sb.toString();
    }

    /** A method's median and 90th percentile of the holdout RMSLE over a source's curves. */
    public record Score(String name, double median, double p90) {
    }

    /**
     * One source left out: its curves, the committee chosen on the other sources, each candidate's
     * score, auto's with that committee, the best fixed candidate (name null when none scored), the
     * oracle's median, and the held-out points inside auto's intervals out of those covered.
     */
    public record LosoSource(String name, int curves, List<String> committee, List<Score> candidates, Score auto, Score bestFixed,
            double oracle, int inside, int covered) {
        /**
         * The scores of a source: its candidates' from {@code src}'s curves (in {@code pool}'s order),
         * auto's from {@code autoRuns}, {@code --law auto} run with {@code committee}. A failed
         * prediction counts as +∞, so a law that cannot fit short curves is not flattered.
         */
        public static LosoSource of(CommitteeTuning.Source src, List<String> committee, List<Backtest.CurveResult> autoRuns,
                List<String> pool) {
            double[] a = new double[autoRuns.size()];
            int inside = 0;
            int covered = 0;
            for (int i = 0; i < a.length; i++) {
                Backtest.CurveResult r = autoRuns.get(i);
                a[i] = r.rule() != null && r.rule().ok() ? r.rule().rmsle() : Double.POSITIVE_INFINITY;
                inside += r.inside();
                covered += r.covered();
            }
            List<Score> candidates = new ArrayList<>();
            Score best = new Score(null, Double.POSITIVE_INFINITY, Double.NaN);
            for (int k = 0; k < pool.size(); k++) {
                double[] v = new double[src.curves().size()];
                for (int i = 0; i < v.length; i++) {
                    Backtest.CurveResult c = src.curves().get(i);
                    Backtest.Scored s = c.candidates().isEmpty() ? null : c.candidates().get(k);
                    v[i] = s != null && s.ok() ? s.rmsle() : Double.POSITIVE_INFINITY;
                }
                Score s = new Score(pool.get(k), Quantiles.of(v, 0.5), Quantiles.of(v, 0.9));
                candidates.add(s);
                if (s.median() < best.median()) best = s;
            }
            double[] oracle = src.curves().stream()
                    .mapToDouble(c -> Double.isFinite(c.oracle()) ? c.oracle() : Double.POSITIVE_INFINITY).toArray();
            return new LosoSource(src.name(), a.length, committee, List.copyOf(candidates),
                    new Score("auto", Quantiles.of(a, 0.5), Quantiles.of(a, 0.9)), best, Quantiles.of(oracle, 0.5), inside, covered);
        }
    }

    /**
     * Leave one source out ({@code bnsl bench --corpus --loso}): the corpus, the pool of candidates,
     * the committee chosen on all sources ({@code shipped}), {@code --law auto}'s default candidates,
     * each source left out, and the time taken.
     */
    public record Loso(String corpus, List<String> pool, List<String> shipped, List<String> defaultCandidates,
            List<LosoSource> sources, double seconds) {
        /** The geometric mean over the sources of auto's median. */
        public double geomeanAuto() {
            double log = 0;
            for (LosoSource s : sources) log += Math.log(s.auto().median());
            return Math.exp(log / sources.size());
        }

        /** The candidate of the pool with the least geometric mean over the sources of its median (the first of equals). */
        public int bestSingle() {
            double[] log = logFixed();
            int best = 0;
            for (int k = 1; k < pool.size(); k++) if (log[k] < log[best]) best = k;
            return best;
        }

        /** The geometric mean over the sources of candidate k's median. */
        public double geomeanFixed(int k) {
            return Math.exp(logFixed()[k] / sources.size());
        }

        private double[] logFixed() {
            double[] log = new double[pool.size()];
            for (LosoSource s : sources) {
                for (int k = 0; k < pool.size(); k++) log[k] += Math.log(s.candidates().get(k).median());
            }
            return log;
        }
    }

    /** What {@code bnsl bench --corpus --loso --json} prints. */
    public static ObjectNode json(Loso l) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("corpus", l.corpus());
        root.set("pool", Json.MAPPER.valueToTree(l.pool()));
        root.set("shipped", Json.MAPPER.valueToTree(l.shipped()));
        root.set("default_candidates", Json.MAPPER.valueToTree(l.defaultCandidates()));
        ArrayNode srcs = root.putArray("sources");
        for (LosoSource s : l.sources()) {
            ObjectNode so = srcs.addObject();
            so.put("name", s.name());
            so.put("curves", s.curves());
            so.set("committee", Json.MAPPER.valueToTree(s.committee()));
            ArrayNode cands = so.putArray("candidates");
            for (Score c : s.candidates()) {
                ObjectNode co = cands.addObject();
                co.put("name", c.name());
                Json.putNumber(co, "median", c.median());
                Json.putNumber(co, "p90", c.p90());
            }
            ObjectNode ao = so.putObject("auto");
            Json.putNumber(ao, "median", s.auto().median());
            Json.putNumber(ao, "p90", s.auto().p90());
            ObjectNode bo = so.putObject("best_fixed");
            bo.put("name", s.bestFixed().name());
            Json.putNumber(bo, "median", s.bestFixed().median());
            Json.putNumber(bo, "p90", s.bestFixed().p90());
            Json.putNumber(so, "oracle", s.oracle());
            Json.putNumber(so, "coverage", s.covered() == 0 ? Double.NaN : (double) s.inside() / s.covered());
        }
        int best = l.bestSingle();
        ObjectNode g = root.putObject("geomean");
        Json.putNumber(g, "auto", l.geomeanAuto());
        g.put("best_single", l.pool().get(best));
        Json.putNumber(g, "best_single_value", l.geomeanFixed(best));
        root.put("seconds", l.seconds());
        return root;
    }

    /** What {@code bnsl bench --corpus --loso} prints: per source, each candidate's and auto's median (p90) holdout RMSLE. */
    public static String text(Loso l) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT,
                "leave one source out over %s: median (p90) holdout RMSLE, a failed prediction = inf%n", l.corpus()));
        for (LosoSource s : l.sources()) {
            text.append(String.format(Locale.ROOT, "%nsource %s (%d curves); committee chosen on the others: %s%n", s.name(),
                    s.curves(), String.join(", ", s.committee())));
            for (Score c : s.candidates()) {
                text.append(String.format(Locale.ROOT, "  %-14s %9s (%s)%n", c.name(), format(c.median(), 4), format(c.p90(), 3)));
            }
            Score b = s.bestFixed();
            text.append(String.format(Locale.ROOT, "  %-14s %9s (%s)   best fixed %s %s (%s); oracle %s%s%n", "auto (LOSO)",
                    format(s.auto().median(), 4), format(s.auto().p90(), 3), b.name(), format(b.median(), 4), format(b.p90(), 3),
                    format(s.oracle(), 4), s.covered() == 0 ? "" : String.format(Locale.ROOT,
                            "; 90%% interval coverage %.1f%% of %d points", 100.0 * s.inside() / s.covered(), s.covered())));
        }
        int best = l.bestSingle();
        text.append(String.format(Locale.ROOT, "%ngeometric mean of the source medians: auto (LOSO) %s; best single law %s %s%n"
                + "committee chosen on all sources: %s%n", format(l.geomeanAuto(), 4), l.pool().get(best),
                format(l.geomeanFixed(best), 4), String.join(", ", l.shipped())));
        return text.toString();
    }
}
