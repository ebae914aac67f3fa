package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.List;
import java.util.Locale;

import org.bnsl.law.Law;
import org.bnsl.plan.ClosedForm;
import org.bnsl.plan.Plan;
import org.bnsl.plan.PlanIntervals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The renderings of compute-optimal plans ({@code bnsl plan}): JSON, CSV and text. */
public final class PlanReport {
    private PlanReport() {
    }

    /** The JSON of {@code bnsl plan --json}: the plans, their intervals when the model has resamples, and Chinchilla's closed form. */
    public static ObjectNode json(List<Plan> plans, List<PlanIntervals> intervals, ClosedForm closed) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("plans");
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            ObjectNode o = arr.addObject();
            Json.putNumber(o, "budget", p.budget());
            Json.putNumber(o, "N", p.n());
            Json.putNumber(o, "D", p.d());
            Json.putNumber(o, "loss", p.loss());
            Json.putNumber(o, "tokens_per_param", p.tokensPerParam());
            if (!intervals.isEmpty()) {
                PlanIntervals iv = intervals.get(i);
                Json.putNumber(o, "N_lo", iv.n().lo());
                Json.putNumber(o, "N_hi", iv.n().hi());
                Json.putNumber(o, "D_lo", iv.d().lo());
                Json.putNumber(o, "D_hi", iv.d().hi());
                Json.putNumber(o, "loss_lo", iv.loss().lo());
                Json.putNumber(o, "loss_hi", iv.loss().hi());
            }
        }
        if (closed != null) {
            ObjectNode c = root.putObject("closed_form");
            Json.putNumber(c, "G", closed.g());
            Json.putNumber(c, "a", closed.a());
            Json.putNumber(c, "b", closed.b());
        }
        return root;
    }

    /** The CSV of {@code bnsl plan --csv}: one row per plan, with interval columns when there are intervals. */
    public static String csv(List<Plan> plans, List<PlanIntervals> intervals) {
        StringBuilder sb = new StringBuilder("budget,N,D,loss,tokens_per_param");
        if (!intervals.isEmpty()) sb.append(",N_lo,N_hi,D_lo,D_hi,loss_lo,loss_hi");
        sb.append('\n');
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            sb.append(p.budget()).append(',').append(p.n()).append(',').append(p.d()).append(',').append(p.loss())
                    .append(',').append(p.tokensPerParam());
            if (!intervals.isEmpty()) {
                PlanIntervals iv = intervals.get(i);
                sb.append(',').append(iv.n().lo()).append(',').append(iv.n().hi()).append(',').append(iv.d().lo())
                        .append(',').append(iv.d().hi()).append(',').append(iv.loss().lo()).append(',').append(iv.loss().hi());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The text of {@code bnsl plan}: {@code title} names the law's origin (a model file or a preset),
     * {@code k} and {@code inferenceTokens} the cost model, {@code targetLoss} (or null) the question
     * asked, {@code level} the intervals' level.
     */
    public static String text(String title, Law law, List<Plan> plans, List<PlanIntervals> intervals, ClosedForm closed, double k,
            double inferenceTokens, Double targetLoss, double lvl) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(": ").append(law.formula()).append('\n');
        sb.append("cost C = ").append(format(k)).append("·N·D");
        if (inferenceTokens > 0) sb.append(" + 2·N·").append(format(inferenceTokens)).append(" (inference tokens)");
        sb.append('\n');
        if (closed != null) {
            sb.append(String.format(Locale.ROOT, "closed form: N*(C) = %s·(C/%s)^%s,  D*(C) = %s·(C/%s)^%s,  G = %s%n",
                    format(closed.g(), 4), format(k), format(closed.a(), 4), format(1 / closed.g(), 4), format(k),
                    format(closed.b(), 4), format(closed.g(), 4)));
            // in C itself: N* = G·k^(−a)·C^a, D* = G^(−1)·k^(−b)·C^b, and L* − E ∝ C^(−αβ/(α+β))
            double cn = closed.g() * Math.pow(k, -closed.a());
            double cd = Math.pow(k, -closed.b()) / closed.g();
            double e = -closed.alpha() * closed.a();
            double cl = closed.bigA() * Math.pow(cn, -closed.alpha()) + closed.bigB() * Math.pow(cd, -closed.beta());
            sb.append(String.format(Locale.ROOT, "           = %s·C^%s,  D*(C) = %s·C^%s,  L*(C) = %s·C^%s + %s%n",
                    format(cn, 3), format(closed.a(), 3), format(cd, 3), format(closed.b(), 3), format(cl, 4), format(e, 3),
                    format(closed.e(), 4)));
        }
        if (targetLoss != null) {
            sb.append("smallest budget that reaches loss ").append(format(targetLoss)).append(":\n");
        }
        sb.append(String.format(Locale.ROOT, "  %-12s %-12s %-12s %-10s %s%n", "budget C", "N*", "D*", "L*", "tokens/param"));
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            sb.append(String.format(Locale.ROOT, "  %-12s %-12s %-12s %-10s %s%n", format(p.budget(), 4), format(p.n(), 4),
                    format(p.d(), 4), format(p.loss(), 5), format(p.tokensPerParam(), 3)));
            if (!intervals.isEmpty()) {
                PlanIntervals iv = intervals.get(i);
                sb.append(String.format(Locale.ROOT, "  %-12s %-12s %-12s %-10s%n", format(100 * lvl) + "%:",
                        "[" + format(iv.n().lo(), 3) + ", " + format(iv.n().hi(), 3) + "]",
                        "[" + format(iv.d().lo(), 3) + ", " + format(iv.d().hi(), 3) + "]",
                        "[" + format(iv.loss().lo(), 4) + ", " + format(iv.loss().hi(), 4) + "]"));
            }
        }
        return sb.toString();
    }
}
