package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bnsl.data.Series;
import org.bnsl.select.Backtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The renderings of a backtest ({@code bnsl backtest}, {@code bnsl bench --corpus}): JSON and text. */
public final class BacktestReport {
    private BacktestReport() {
    }

    /** What {@code bnsl backtest --json} prints: the file, the candidates, auto's committee, and the report of every curve. */
    public static ObjectNode json(String file, List<String> candidates, List<String> autoCandidates, Backtest.Report r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("file", file);
        root.set("candidates", Json.MAPPER.valueToTree(candidates));
        root.set("auto_candidates", Json.MAPPER.valueToTree(autoCandidates));
        root.setAll(json(r, true));
        return root;
    }

    /**
     * The JSON of a report: curves, failed, methods (candidates, auto, oracle), coverage,
     * unusable points, and with {@code perCurve} each curve's pick, RMSLEs and held-out predictions.
     */
    public static ObjectNode json(Backtest.Report r, boolean perCurve) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("curves", r.curves().size());
        root.put("unusable_points", r.unusable());
        Json.putNumber(root, "coverage", r.coverage());
        ObjectNode cov = root.putObject("coverage_points");
        cov.put("inside", r.inside());
        cov.put("covered", r.covered());
        ArrayNode methods = root.putArray("methods");
        for (Backtest.Summary s : r.methods()) {
            ObjectNode m = methods.addObject();
            m.put("name", s.name());
            Json.putNumber(m, "median", s.median());
            Json.putNumber(m, "p90", s.p90());
            Json.putNumber(m, "worst", s.worst());
            m.put("best_count", s.bestCount());
            m.put("scored", s.scored());
            m.put("failed", s.failed());
            m.put("seconds", Math.round(s.seconds() * 1000) / 1000.0);
        }
        ArrayNode failed = root.putArray("failed");
        for (Backtest.Failure f : r.failures()) {
            ObjectNode o = failed.addObject();
            o.put("curve", f.curve());
            o.put("candidate", f.method());
            o.put("reason", f.reason());
        }
        if (perCurve) {
            ArrayNode pc = root.putArray("per_curve");
            for (Backtest.CurveResult c : r.curves()) {
                ObjectNode o = pc.addObject();
                o.put("curve", c.name());
                if (c.task().error() != null) {
                    o.putNull("pick");
                    o.put("error", c.task().error());
                    continue;
                }
                if (c.rule() != null && c.rule().ok()) o.put("pick", c.rule().pick());
                else o.putNull("pick");
                o.put("direction", c.task().direction().id());
                o.put("fit_points", c.task().train().size());
                o.put("unusable", c.task().unusable());
                Series h = c.task().split().holdout();
                o.set("holdout_x", Json.MAPPER.valueToTree(h.x()));
                o.set("holdout_y", Json.MAPPER.valueToTree(h.y()));
                ObjectNode rm = o.putObject("rmsle");
                ObjectNode pred = o.putObject("predicted");
                List<Backtest.Scored> all = new ArrayList<>(c.candidates());
                if (c.rule() != null) all.add(c.rule());
                for (Backtest.Scored s : all) {
                    Json.putNumber(rm, s.name(), s.rmsle());
                    if (s.ok()) {
                        ArrayNode a = pred.putArray(s.name());
                        for (double v : s.predicted()) a.add(v);
                    }
                }
                Json.putNumber(rm, "oracle", c.oracle());
                o.set("best", Json.MAPPER.valueToTree(c.best()));
                Json.putNumber(o, "coverage", c.coverage());
            }
        }
        return root;
    }

    /** The text of a report: the method table, coverage, unusable points, and with {@code perCurve} picks and failures. */
    public static String text(String title, Backtest.Report r, boolean perCurve) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %d curves, holdout RMSLE%n", title, r.curves().size()));
        b.append(methodTable(r, "  "));
        if (r.covered() > 0) {
            b.append(String.format(Locale.ROOT, "  coverage of auto's intervals: %.1f%% (%d of %d held-out points)%n",
                    100 * r.coverage(), r.inside(), r.covered()));
        }
        if (r.unusable() > 0) {
            b.append(String.format(Locale.ROOT, "  unusable points dropped (y ≤ 0): %d%n", r.unusable()));
        }
        if (perCurve) {
            b.append("auto's pick per curve (holdout RMSLE; oracle = best candidate):\n");
            for (Backtest.CurveResult c : r.curves()) {
                if (c.task().error() != null) {
                    b.append("  ").append(c.name()).append(": ").append(c.task().error()).append('\n');
                    continue;
                }
                Backtest.Scored a = c.rule();
                String pick = a == null || !a.ok() ? "failed" : a.pick() + "  " + format(a.rmsle(), 4);
                b.append(String.format(Locale.ROOT, "  %s: %s   oracle %s %s%n", c.name(), pick,
                        String.join("/", c.best()), Double.isFinite(c.oracle()) ? format(c.oracle(), 4) : "none"));
            }
        }
        if (!r.failures().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%d failed fits%s%n", r.failures().size(), perCurve ? ":" : " (see --json)"));
            if (perCurve) {
                for (Backtest.Failure f : r.failures()) {
                    b.append("  ").append(f.curve()).append(", ").append(f.method()).append(": ").append(f.reason()).append('\n');
                }
            }
        }
        return b.toString();
    }

    /** One line per method: median, p90, worst, best count, scored and failed curves, fitting time. */
    static String methodTable(Backtest.Report r, String indent) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s%-14s %8s %8s %8s %6s %6s %6s %9s%n", indent, "method", "median", "p90", "worst",
                "best", "scored", "failed", "time (s)"));
        for (Backtest.Summary s : r.methods()) {
            b.append(String.format(Locale.ROOT, "%s%-14s %8s %8s %8s %6d %6d %6d %9s%n", indent, s.name(), num(s.median()),
                    num(s.p90()), num(s.worst()), s.bestCount(), s.scored(), s.failed(),
                    s.name().equals("oracle") ? "" : String.format(Locale.ROOT, "%.1f", s.seconds())));
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }
}
