package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.law.Bnsl;
import org.bnsl.select.Extrapolation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders fit results as text for people and as JSON for programs (the schema scripts rely on). */
final class FitReport {
    private FitReport() {
    }

    static ObjectNode json(List<Extrapolation> results) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("series");
        for (Extrapolation e : results) {
            Fit fit = e.fit();
            ObjectNode s = arr.addObject();
            s.put("name", e.train().name());
            s.put("law", fit.law().name());
            if (fit.law() instanceof Bnsl b) {
                s.put("breaks", b.breaks());
            }
            ObjectNode p = s.putObject("parameters");
            for (Map.Entry<String, Double> kv : fit.parameterMap().entrySet()) {
                Json.putNumber(p, kv.getKey(), kv.getValue());
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
            s.put("space", fit.objective().id());
            Json.putNumber(s, "loss", fit.loss());
            ObjectNode train = s.putObject("train");
            train.put("n", e.train().size());
            Json.putNumber(train, "rmsle", e.trainRmsle());
            ObjectNode hold = s.putObject("holdout");
            hold.put("n", e.holdout().size());
            Json.putNumber(hold, "rmsle", e.holdoutRmsle());
            ArrayNode pts = hold.putArray("points");
            Series h = e.holdout();
            double[] pred = e.holdoutPredicted();
            for (int i = 0; i < h.size(); i++) {
                ObjectNode o = pts.addObject();
                Json.putNumber(o, "x", h.x(0, i));
                Json.putNumber(o, "y", h.y(i));
                Json.putNumber(o, "predicted", pred[i]);
            }
        }
        return root;
    }

    static String text(List<Extrapolation> results, FitCommand cmd) {
        StringBuilder sb = new StringBuilder();
        for (Extrapolation e : results) {
            Fit fit = e.fit();
            Series train = e.train();
            sb.append("series ").append(train.name()).append(": ").append(fit.law().name());
            if (fit.law() instanceof Bnsl b) {
                sb.append(" with ").append(b.breaks()).append(b.breaks() == 1 ? " break" : " breaks");
            }
            sb.append(", fitted to ").append(train.size()).append(" points (").append(cmd.xColumn).append(" ")
                    .append(format(min(train.x()))).append("..").append(format(max(train.x()))).append(")");
            if (fit.xOffset() != 0) {
                sb.append(" in x + ").append(format(fit.xOffset()));
            }
            sb.append('\n');
            sb.append("  ").append(fit.law().formula()).append('\n');
            sb.append("  parameters\n");
            for (Map.Entry<String, Double> kv : fit.parameterMap().entrySet()) {
                sb.append(String.format(Locale.ROOT, "    %-4s = %s%n", kv.getKey(), format(kv.getValue())));
            }
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
            sb.append(String.format(Locale.ROOT, "  train    n=%-4d RMSLE %s   (%s objective %s)%n", train.size(),
                    format(e.trainRmsle(), 4), fit.objective().id(), format(fit.loss(), 4)));
            Series h = e.holdout();
            if (h.size() > 0) {
                sb.append(String.format(Locale.ROOT, "  holdout  n=%-4d RMSLE %s%n", h.size(), format(e.holdoutRmsle(), 4)));
                sb.append(String.format(Locale.ROOT, "    %-12s %-12s %-12s %s%n", cmd.xColumn, "actual", "predicted", "error"));
                double[] pred = e.holdoutPredicted();
                for (int i = 0; i < h.size(); i++) {
                    double err = pred[i] / h.y(i) - 1;
                    sb.append(String.format(Locale.ROOT, "    %-12s %-12s %-12s %+.2f%%%n", format(h.x(0, i)),
                            format(h.y(i)), format(pred[i]), 100 * err));
                }
            } else if (cmd.holdoutAbove != null) {
                sb.append("  holdout  none (no points above ").append(format(cmd.holdoutAbove)).append(")\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) m = Math.min(m, d);
        return m;
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) m = Math.max(m, d);
        return m;
    }
}
