package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.io.FitRun;
import org.bnsl.law.Bnsl;
import org.bnsl.select.Extrapolation;
import org.bnsl.select.Metrics;
import org.bnsl.select.ModelChoice;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.ParameterInterval;
import org.bnsl.uncertainty.PredictionInterval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders fit results as text for people and as JSON for programs (the schema scripts rely on). */
public final class FitReport {
    private FitReport() {
    }

    /** The JSON of {@code fit --json} for these results: "series" (one record each) and, for several, a pooled "summary". */
    public static ObjectNode json(List<Extrapolation> results, Map<String, String> columns) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("series");
        Pooled.Accumulator acc = new Pooled.Accumulator();
        for (Extrapolation e : results) {
            arr.add(seriesJson(e, columns));
            acc.add(e);
        }
        Pooled pooled = acc.result();
        if (pooled != null && results.size() > 1) {
            root.set("summary", summaryJson(pooled, results.size(), 0));
        }
        return root;
    }

    /** The JSON record of a group that could not be fitted: its name and the one-line reason. */
    public static ObjectNode errorJson(String name, String error) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("name", name);
        s.put("error", error);
        return s;
    }

    /** The "summary" record: pooled holdout scores (null for one curve) and the counts of series and failures. */
    public static ObjectNode summaryJson(Pooled pooled, int series, int failed) {
        ObjectNode sum = Json.MAPPER.createObjectNode();
        sum.put("series", series);
        if (failed > 0) sum.put("failed", failed);
        if (pooled != null) {
            ObjectNode hold = sum.putObject("holdout");
            hold.put("n", pooled.n);
            Json.putNumber(hold, "r2_pooled", pooled.r2);
            Json.putNumber(hold, "rmsle_median", pooled.medianRmsle);
            Json.putNumber(hold, "rmsle_max", pooled.maxRmsle);
        }
        return sum;
    }

    /** One group's JSON record (the schema of {@code fit --json}'s "series" entries). */
    public static ObjectNode seriesJson(Extrapolation e, Map<String, String> columns) {
        {
            Fit fit = e.fit();
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("name", e.train().name());
            s.put("law", fit.law().name());
            if (fit.law() instanceof Bnsl b) {
                s.put("breaks", b.breaks());
            }
            s.put("formula", fit.law().formula());
            ObjectNode vars = s.putObject("variables");
            columns.forEach(vars::put);
            ObjectNode p = s.putObject("parameters");
            for (Map.Entry<String, Double> kv : fit.parameterMap().entrySet()) {
                Json.putNumber(p, kv.getKey(), kv.getValue());
            }
            BootstrapResult boot = e.uncertainty();
            if (boot != null) {
                ObjectNode pi = s.putObject("parameter_intervals");
                pi.put("level", boot.level());
                pi.put("resamples", boot.succeeded());
                pi.put("failed", boot.failed());
                for (ParameterInterval iv : boot.parameterIntervals()) {
                    ObjectNode o = pi.putObject(iv.name());
                    Json.putNumber(o, "lo", iv.lo());
                    Json.putNumber(o, "hi", iv.hi());
                }
            }
            if (fit.law() instanceof Bnsl b) {
                ArrayNode bp = s.putArray("break_points");
                double[] params = fit.parameters();
                double[] slopes = b.segmentSlopes(params);
                for (int i = 1; i <= b.breaks(); i++) {
                    ObjectNode o = bp.addObject();
                    Json.putNumber(o, "x", params[Bnsl.breakIndex(i) + 1] - fit.xOffset());
                    Json.putNumber(o, "slope_before", slopes[i - 1]);
                    Json.putNumber(o, "slope_after", slopes[i]);
                }
            }
            if (e.choice() != null) {
                s.put("chosen", e.choice().chosen());
                ArrayNode cands = s.putArray("candidates");
                for (ModelChoice.Scored sc : e.choice().scored()) {
                    ObjectNode o = cands.addObject();
                    o.put("name", sc.candidate().name());
                    Json.putNumber(o, "score", sc.score());
                    o.put("parameters", sc.candidate().parameters());
                    o.put("chosen", e.choice().picked(sc.candidate().name()));
                    if (sc.error() != null) o.put("error", sc.error());
                }
            }
            ArrayNode warnings = s.putArray("warnings");
            if (fit.termination().startsWith("flat curve")) warnings.add(fit.termination());
            fit.warnings().forEach(warnings::add);
            convergenceJson(fit, s);
            s.put("space", fit.objective().id());
            s.put("loss_function", fit.lossFunction());
            Json.putNumber(s, "loss", fit.loss());
            ObjectNode train = s.putObject("train");
            train.put("n", e.train().size());
            Json.putNumber(train, "rmsle", e.trainRmsle());
            ObjectNode hold = s.putObject("holdout");
            hold.put("n", e.holdout().size());
            Json.putNumber(hold, "rmsle", e.holdoutRmsle());
            Json.putNumber(hold, "r2", Metrics.r2(e.holdoutPredicted(), e.holdout().y()));
            ArrayNode pts = hold.putArray("points");
            Series h = e.holdout();
            double[] pred = e.holdoutPredicted();
            List<String> names = new ArrayList<>(columns.keySet());
            for (int i = 0; i < h.size(); i++) {
                ObjectNode o = pts.addObject();
                if (names.size() == 1) {
                    Json.putNumber(o, "x", h.x(0, i));
                } else {
                    for (int j = 0; j < names.size(); j++) Json.putNumber(o, names.get(j), h.x(j, i));
                }
                Json.putNumber(o, "y", h.y(i));
                Json.putNumber(o, "predicted", pred[i]);
                double[] at = h.point(i);
                Json.putNumber(o, "extrapolation", e.extrapolation(at));
                if (boot != null) {
                    PredictionInterval iv = boot.predict(at);
                    Json.putNumber(o, "lo", iv.lo());
                    Json.putNumber(o, "hi", iv.hi());
                }
            }
            return s;
        }
    }

    /**
     * The general fitter's report, where there is one: "convergence" (converged, iterations, the
     * gradient norm, starts, evaluations, termination and the flagged parameters) and "bounds" (each
     * free parameter's range, null for an open end, and where each end came from).
     */
    static void convergenceJson(Fit fit, ObjectNode s) {
        if (fit.convergence().isEmpty()) return;
        Fit.Convergence c = fit.convergence().get();
        ObjectNode cv = s.putObject("convergence");
        cv.put("converged", c.converged());
        cv.put("iterations", c.iterations());
        Json.putNumber(cv, "gradient_norm", c.gradientNorm());
        cv.put("starts", fit.starts());
        cv.put("evaluations", fit.evaluations());
        cv.put("termination", fit.termination());
        ArrayNode flags = cv.putArray("flags");
        for (Fit.Flag f : c.flags()) {
            ObjectNode o = flags.addObject();
            o.put("parameter", f.parameter());
            o.put("kind", f.kind());
            o.put("message", f.message());
        }
        ObjectNode bounds = s.putObject("bounds");
        for (Fit.Range r : c.bounds()) {
            ObjectNode o = bounds.putObject(r.parameter());
            Json.putNumber(o, "lower", r.lower());
            Json.putNumber(o, "upper", r.upper());
            o.put("lower_from", r.lowerSource());
            o.put("upper_from", r.upperSource());
        }
    }

    /** The text lines of the general fitter's report: how it converged, and the default bounds it kept to. */
    static String convergenceText(Fit fit) {
        if (fit.convergence().isEmpty()) return "";
        Fit.Convergence c = fit.convergence().get();
        StringBuilder sb = new StringBuilder("  convergence: ");
        sb.append(c.converged() ? "converged" : "NOT converged").append(" in ").append(c.iterations())
                .append(c.iterations() == 1 ? " iteration" : " iterations").append(", gradient norm ")
                .append(format(c.gradientNorm(), 3)).append(" (").append(fit.starts())
                .append(fit.starts() == 1 ? " start" : " starts").append(")\n");
        StringBuilder d = new StringBuilder();
        for (Fit.Range r : c.bounds()) {
            if (!r.isDefault()) continue;
            boolean lo = Double.isFinite(r.lower()) && !r.lowerSource().equals("user");
            boolean hi = Double.isFinite(r.upper()) && !r.upperSource().equals("user");
            d.append(d.length() > 0 ? ", " : "");
            if (lo && hi && r.lowerSource().equals(r.upperSource())) {
                d.append(r.parameter()).append(" in [").append(format(r.lower())).append(", ").append(format(r.upper()))
                        .append("] (").append(source(r.lowerSource())).append(')');
            } else {
                if (lo) d.append(r.parameter()).append(" >= ").append(format(r.lower())).append(" (").append(source(r.lowerSource())).append(')');
                if (lo && hi) d.append(", ");
                if (hi) d.append(r.parameter()).append(" <= ").append(format(r.upper())).append(" (").append(source(r.upperSource())).append(')');
            }
        }
        if (d.length() > 0) sb.append("  default bounds: ").append(d).append("; --bound replaces them\n");
        return sb.toString();
    }

    private static String source(String id) {
        return switch (id) {
            case "data" -> "read off the data";
            case "sign" -> "a scale's default sign";
            default -> "the law's range";
        };
    }

    /** One group's record in {@code fit --json} and {@code --jsonl}: {@link #seriesJson}, or {@link #errorJson} for a failed group. */
    public static ObjectNode record(org.bnsl.io.GroupResult r, Map<String, String> columns) {
        return r.failed() ? errorJson(r.name(), r.error()) : seriesJson(r.model().extrapolation(), columns);
    }

    /**
     * The JSON of {@code fit --json} built group by group as results arrive, in input order: each
     * group's record (or its error record), and the "summary" of a batch (pooled holdout scores of
     * several curves, and the count of failed groups). The command line and the server both build it
     * here. With {@code keep} false only the counts and pooled scores are kept (for text and JSON lines).
     */
    public static final class Batch {
        private final Map<String, String> columns;
        private final ArrayNode series;
        private final Pooled.Accumulator pooled = new Pooled.Accumulator();
        private int total;
        private int failed;

        /** A batch of the curves of these columns (variable → column); {@code keep}: hold every record for {@link #json()}. */
        public Batch(Map<String, String> columns, boolean keep) {
            this.columns = columns;
            this.series = keep ? Json.MAPPER.createArrayNode() : null;
        }

        /** Adds one group's result: counted, its held-out points pooled, and its record kept when the batch keeps them. */
        public void add(org.bnsl.io.GroupResult r) {
            total++;
            if (r.failed()) {
                failed++;
            } else {
                pooled.add(r.model().extrapolation());
            }
            if (series != null) series.add(record(r, columns));
        }

        /** Groups added. */
        public int total() {
            return total;
        }

        /** Groups that failed. */
        public int failed() {
            return failed;
        }

        /** The pooled holdout scores of the fitted groups, or null when none held out a point. */
        public Pooled pooled() {
            return pooled.result();
        }

        /** {@code {"series": [...], "summary": {...}}}, the summary for several curves or any failure. */
        public ObjectNode json() {
            if (series == null) {
                throw new IllegalStateException("a batch made with keep = false holds no records");
            }
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.set("series", series);
            Pooled summary = pooled.result();
            if ((summary != null && total > 1) || failed > 0) {
                root.set("summary", summaryJson(total > 1 ? summary : null, total, failed));
            }
            return root;
        }
    }

    /** Holdout scores over all series at once: pooled R² (1 − MSE/variance) and the median RMSLE. */
    public record Pooled(int n, double r2, double medianRmsle, double maxRmsle) {
        /** Collects only the held-out numbers of each group as results stream by. */
        public static final class Accumulator {
            private final List<double[]> predicted = new ArrayList<>();
            private final List<double[]> actual = new ArrayList<>();
            private final List<Double> rmsle = new ArrayList<>();

            /** Adds one curve's held-out points. */
            public void add(Extrapolation e) {
                if (e.holdout().size() == 0) return;
                predicted.add(e.holdoutPredicted());
                actual.add(e.holdout().y());
                rmsle.add(e.holdoutRmsle());
            }

            /** The pooled scores, or null when no curve held out a point. */
            public Pooled result() {
                int n = 0;
                for (double[] a : actual) n += a.length;
                if (n == 0) return null;
                double[] pred = new double[n];
                double[] act = new double[n];
                int k = 0;
                for (int i = 0; i < actual.size(); i++) {
                    System.arraycopy(predicted.get(i), 0, pred, k, actual.get(i).length);
                    System.arraycopy(actual.get(i), 0, act, k, actual.get(i).length);
                    k += actual.get(i).length;
                }
                double[] r = rmsle.stream().mapToDouble(Double::doubleValue).toArray();
                Arrays.sort(r);
                int m = r.length;
                double median = m % 2 == 1 ? r[m / 2] : 0.5 * (r[m / 2 - 1] + r[m / 2]);
                return new Pooled(n, Metrics.r2(pred, act), median, r[m - 1]);
            }
        }

        /** The pooled scores of these results, or null when none held out a point. */
        public static Pooled of(List<Extrapolation> results) {
            Accumulator a = new Accumulator();
            results.forEach(a::add);
            return a.result();
        }
    }

    /** The text of {@code bnsl fit} for these results, with the pooled scores of several. */
    public static String text(List<Extrapolation> results, FitRun run) {
        StringBuilder sb = new StringBuilder();
        for (Extrapolation e : results) {
            sb.append(text(e, run));
        }
        Pooled pooled = Pooled.of(results);
        if (pooled != null && results.size() > 1) {
            sb.append(pooledText(pooled, results.size()));
        }
        return sb.toString();
    }

    /** The line of pooled holdout scores over several series. */
    public static String pooledText(Pooled pooled, int series) {
        return String.format(Locale.ROOT, "holdout over %d series: n=%d, pooled R² %s, median RMSLE %s, max RMSLE %s%n",
                series, pooled.n, format(pooled.r2, 4), format(pooled.medianRmsle, 4), format(pooled.maxRmsle, 4));
    }

    /** The text block of a group that failed. */
    public static String errorText(String name, String error) {
        return "series " + name + ": FAILED: " + error + "\n\n";
    }

    /** One group's text block. */
    public static String text(Extrapolation e, FitRun run) {
        StringBuilder sb = new StringBuilder();
        List<String> names = new ArrayList<>(run.columns().keySet());
        List<String> cols = new ArrayList<>(run.columns().values());
        {
            Fit fit = e.fit();
            Series train = e.train();
            sb.append("series ").append(train.name()).append(": ").append(fit.law().name());
            if (fit.law() instanceof Bnsl b) {
                sb.append(" with ").append(b.breaks()).append(b.breaks() == 1 ? " break" : " breaks");
            }
            sb.append(", fitted to ").append(train.size()).append(" points (");
            for (int j = 0; j < names.size(); j++) {
                if (j > 0) sb.append(", ");
                sb.append(cols.get(j)).append(' ').append(format(min(train.x(j)))).append("..").append(format(max(train.x(j))));
            }
            sb.append(")");
            if (fit.xOffset() != 0) {
                sb.append(" in x + ").append(format(fit.xOffset()));
            }
            sb.append('\n');
            if (e.choice() != null) {
                sb.append(e.choice().chosen().contains("(fallback") ? "  fitted without a choice: "
                        : fit.law() instanceof org.bnsl.law.Committee ? "  predicted by the " : "  chosen by rolling-origin extrapolation: ")
                        .append(e.choice().chosen()).append("  (");
                boolean first = true;
                for (ModelChoice.Scored sc : e.choice().scored()) {
                    if (!first) sb.append(", ");
                    first = false;
                    sb.append(sc.candidate().name()).append(' ').append(Double.isFinite(sc.score()) ? format(sc.score(), 3) : "—");
                }
                sb.append(")\n");
            }
            sb.append("  ").append(fit.law().formula());
            if (names.size() > 1 || !names.get(0).equals(cols.get(0))) {
                sb.append("   [");
                for (int j = 0; j < names.size(); j++) {
                    if (j > 0) sb.append(", ");
                    sb.append(names.get(j)).append(" = ").append(cols.get(j));
                }
                sb.append(']');
            }
            sb.append('\n');
            sb.append("  parameters\n");
            BootstrapResult boot = e.uncertainty();
            if (boot != null) {
                sb.append(String.format(Locale.ROOT, "    (%s%% bootstrap intervals from %d resamples%s)%n",
                        format(100 * boot.level()), boot.succeeded(), boot.failed() > 0 ? ", " + boot.failed() + " failed" : ""));
            }
            for (Map.Entry<String, Double> kv : fit.parameterMap().entrySet()) {
                sb.append(String.format(Locale.ROOT, "    %-6s = %s", kv.getKey(), format(kv.getValue())));
                if (boot != null) {
                    ParameterInterval iv = boot.parameterInterval(kv.getKey());
                    sb.append(String.format(Locale.ROOT, "   [%s, %s]", format(iv.lo(), 4), format(iv.hi(), 4)));
                }
                sb.append('\n');
            }
            if (fit.termination().startsWith("flat curve")) {
                sb.append("  warning: ").append(fit.termination()).append('\n');
            }
            for (String w : fit.warnings()) {
                sb.append("  warning: ").append(w).append('\n');
            }
            sb.append(convergenceText(fit));
            if (fit.law() instanceof Bnsl b && b.breaks() > 0) {
                double[] p = fit.parameters();
                double[] slopes = b.segmentSlopes(p);
                sb.append("  breaks (log-log slope of y − a before and after each)\n");
                sb.append(String.format(Locale.ROOT, "    %-3s %-12s %-13s %-13s%n", "#", "at x", "slope before", "slope after"));
                for (int i = 1; i <= b.breaks(); i++) {
                    double at = p[Bnsl.breakIndex(i) + 1] - fit.xOffset();
                    sb.append(String.format(Locale.ROOT, "    %-3d %-12s %-13s %-13s%n", i, format(at),
                            format(slopes[i - 1], 4), format(slopes[i], 4)));
                }
            }
            sb.append(String.format(Locale.ROOT, "  train    n=%-4d RMSLE %s   (%s %s objective %s)%n", train.size(),
                    format(e.trainRmsle(), 4), fit.objective().id(), fit.lossFunction(), format(fit.loss(), 5)));
            Series h = e.holdout();
            if (h.size() > 0) {
                sb.append(String.format(Locale.ROOT, "  holdout  n=%-4d RMSLE %s%n", h.size(), format(e.holdoutRmsle(), 4)));
                StringBuilder head = new StringBuilder("   ");
                for (String c : cols) head.append(String.format(Locale.ROOT, " %-12s", c));
                String ivHead = boot == null ? "" : String.format(Locale.ROOT, " %-23s", format(100 * boot.level()) + "% interval");
                sb.append(head).append(String.format(Locale.ROOT, " %-12s %-12s %-8s%s %s%n", "actual", "predicted", "error",
                        ivHead, "x/x_max"));
                double[] pred = e.holdoutPredicted();
                boolean far = false;
                for (int i = 0; i < h.size(); i++) {
                    sb.append("   ");
                    for (int j = 0; j < names.size(); j++) sb.append(String.format(Locale.ROOT, " %-12s", format(h.x(j, i))));
                    double err = pred[i] / h.y(i) - 1;
                    double ratio = e.extrapolation(h.point(i));
                    String iv = "";
                    if (boot != null) {
                        PredictionInterval p = boot.predict(h.point(i));
                        iv = "[" + format(p.lo(), 4) + ", " + format(p.hi(), 4) + "]";
                    }
                    far |= ratio > 10;
                    sb.append(String.format(Locale.ROOT, " %-12s %-12s %-8s%s %s%s%n", format(h.y(i)), format(pred[i]),
                            String.format(Locale.ROOT, "%+.2f%%", 100 * err), boot == null ? "" : String.format(Locale.ROOT, " %-23s", iv),
                            format(ratio, 3), ratio > 10 ? "  !" : ""));
                }
                if (far) {
                    sb.append("    ! more than 10× beyond the largest training x: treat these predictions with care\n");
                }
            } else if (run.spec().holdsOut()) {
                sb.append("  holdout  none\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The smallest value (+∞ for none). */
    public static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) m = Math.min(m, d);
        return m;
    }

    /** The largest value (−∞ for none). */
    public static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) m = Math.max(m, d);
        return m;
    }
}
