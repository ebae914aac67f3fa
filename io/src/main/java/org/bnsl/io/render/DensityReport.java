package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.Locale;

import org.bnsl.plan.Density;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The renderings of the densing law (Xiao et al. 2024, {@link Density}; {@code bnsl density}): JSON
 * and text. The reference law is a published preset or a model file: exactly one of {@code preset}
 * and {@code referenceFile} is given, the other is null.
 */
public final class DensityReport {
    private DensityReport() {
    }

    /**
     * What {@code bnsl density} prints: each model's N, N̂ and density ρ = N̂/N (envelope marked),
     * the line ln ρ_max = A·t + B and the doubling time ln 2 / A with its interval.
     */
    public static String text(Density.Result r, String preset, String referenceFile) {
        StringBuilder sb = new StringBuilder();
        sb.append("reference: ").append(preset != null ? "preset " + preset + " (compute-optimal N*)" : referenceFile).append('\n');
        sb.append(String.format(Locale.ROOT, "  %-22s %-11s %-11s %-11s %-10s %s%n", "model", "released", "N", "N̂", "ρ = N̂/N",
                "envelope"));
        for (Density.Row row : r.rows()) {
            sb.append(String.format(Locale.ROOT, "  %-22s %-11s %-11s %-11s %-10s %s%n", row.model().name(), row.model().released(),
                    format(row.model().n(), 4), Double.isNaN(row.effectiveN()) ? "not reached" : format(row.effectiveN(), 4),
                    Double.isNaN(row.density()) ? "—" : format(row.density(), 4), row.envelope() ? "*" : ""));
        }
        sb.append(String.format(Locale.ROOT, "ln ρ_max = %s·t %s  (t in days since %s; %d models on the envelope)%n",
                format(r.slope(), 4), plus(r.intercept(), 4), r.origin(), r.rows().stream().filter(Density.Row::envelope).count()));
        sb.append(String.format(Locale.ROOT, "doubling time: %s days = %s months  %s%% interval [%s, %s] months (%d resamples%s)%n",
                format(r.doublingDays(), 4), format(r.doublingMonths(), 3), format(100 * r.level()),
                format(r.lo() / Density.DAYS_PER_MONTH, 3), months(r.hi()), r.resamples(),
                r.neverDoubling() > 0 ? ", " + r.neverDoubling() + " never doubling" : ""));
        if (r.unreached() > 0) {
            sb.append(r.unreached()).append(" model(s) left out: the reference law never reaches their score\n");
        }
        return sb.toString();
    }

    /** "+ b" or "− |b|" to {@code digits} significant digits: the intercept written after a term. */
    public static String plus(double b, int digits) {
        return (b < 0 ? "− " : "+ ") + format(Math.abs(b), digits);
    }

    private static String months(double days) {
        return Double.isInfinite(days) ? "∞" : format(days / Density.DAYS_PER_MONTH, 3);
    }

    /** What {@code bnsl density --json} prints: the models, the line, the doubling time and its interval (an unbounded end is null). */
    public static ObjectNode json(Density.Result r, String preset, String referenceFile) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("reference", preset != null ? "preset:" + preset : referenceFile);
        root.put("origin", r.origin().toString());
        ArrayNode arr = root.putArray("models");
        for (Density.Row row : r.rows()) {
            ObjectNode o = arr.addObject();
            o.put("name", row.model().name());
            o.put("released", row.model().released().toString());
            Json.putNumber(o, "N", row.model().n());
            Json.putNumber(o, "score", row.model().score());
            if (!Double.isNaN(row.effectiveN())) {
                Json.putNumber(o, "effective_N", row.effectiveN());
                Json.putNumber(o, "density", row.density());
            }
            Json.putNumber(o, "days", row.days());
            o.put("envelope", row.envelope());
        }
        Json.putNumber(root, "slope_per_day", r.slope());
        Json.putNumber(root, "intercept", r.intercept());
        Json.putNumber(root, "doubling_days", r.doublingDays());
        Json.putNumber(root, "doubling_months", r.doublingMonths());
        Json.putNumber(root, "doubling_months_lo", r.lo() / Density.DAYS_PER_MONTH);
        if (Double.isInfinite(r.hi())) {
            root.putNull("doubling_months_hi");
        } else {
            Json.putNumber(root, "doubling_months_hi", r.hi() / Density.DAYS_PER_MONTH);
        }
        root.put("level", r.level());
        root.put("resamples", r.resamples());
        root.put("resamples_never_doubling", r.neverDoubling());
        root.put("models_not_reached", r.unreached());
        return root;
    }
}
