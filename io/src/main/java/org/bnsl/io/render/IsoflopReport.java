package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.Locale;

import org.bnsl.plan.IsoFlop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The renderings of an IsoFLOP analysis ({@code bnsl isoflop}, Chinchilla's Approach 2,
 * {@link IsoFlop}): JSON and text, and the message when there are too few budgets for an exponent.
 */
public final class IsoflopReport {
    private IsoflopReport() {
    }

    /** What {@code bnsl isoflop --json} prints: the budgets, the exponents a and b with their intervals, the coefficients, the verdict. */
    public static ObjectNode json(IsoFlop.Result r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("budgets");
        for (IsoFlop.Budget b : r.budgets()) {
            ObjectNode o = arr.addObject();
            Json.putNumber(o, "flops", b.flops());
            o.put("runs", b.runs());
            Json.putNumber(o, "N_opt", b.nOpt());
            Json.putNumber(o, "D_opt", b.dOpt());
            Json.putNumber(o, "loss_min", b.lossMin());
            o.put("usable", b.usable());
            if (b.note() != null && !b.note().isEmpty()) o.put("note", b.note());
        }
        exponent(root.putObject("exponent_a"), r.a());
        exponent(root.putObject("exponent_b"), r.b());
        Json.putNumber(root, "coefficient_a", r.coefficient(r.a().value(), false));
        Json.putNumber(root, "coefficient_b", r.coefficient(r.b().value(), true));
        Json.putNumber(root, "coefficient_a_at_half", r.coefficient(0.5, false));
        Json.putNumber(root, "coefficient_b_at_half", r.coefficient(0.5, true));
        root.put("runs_placed", r.placed());
        root.put("runs_not_placed", r.notPlaced());
        root.put("trustworthy", r.trustworthy());
        root.put("reason", r.reason());
        return root;
    }

    private static void exponent(ObjectNode o, IsoFlop.Exponent e) {
        Json.putNumber(o, "value", e.value());
        Json.putNumber(o, "lo", e.lo());
        Json.putNumber(o, "hi", e.hi());
    }

    /**
     * What {@code bnsl isoflop} prints: a table of the budgets, then N_opt ∝ C^a and D_opt ∝ C^b
     * with their intervals at {@code level}; {@code runs} is the number of runs analysed.
     */
    public static String text(IsoFlop.Result r, int runs, double level) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d runs; %d budgets found, %d usable; %d runs placed, %d not%n", runs,
                r.budgets().size(), r.usableBudgets(), r.placed(), r.notPlaced()));
        sb.append(String.format(Locale.ROOT, "  %-12s %-5s %-12s %-12s %-9s %s%n", "budget C", "runs", "N_opt", "D_opt", "loss_min", ""));
        for (IsoFlop.Budget b : r.budgets()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %-5d %-12s %-12s %-9s %s%n", format(b.flops(), 3), b.runs(),
                    b.usable() ? format(b.nOpt(), 3) : "—", b.usable() ? format(b.dOpt(), 3) : "—",
                    b.usable() ? format(b.lossMin(), 4) : "—", b.usable() ? "" : b.note()));
        }
        sb.append(String.format(Locale.ROOT, "N_opt ∝ C^a: a = %s  [%s, %s] (%s%%)%n", format(r.a().value(), 4),
                format(r.a().lo(), 4), format(r.a().hi(), 4), format(100 * level)));
        sb.append(String.format(Locale.ROOT, "D_opt ∝ C^b: b = %s  [%s, %s]%n", format(r.b().value(), 4), format(r.b().lo(), 4),
                format(r.b().hi(), 4)));
        sb.append(String.format(Locale.ROOT,
                "N_opt = %s·C^%s, D_opt = %s·C^%s; at exponent 0.5: N_opt = %s·C^0.5, D_opt = %s·C^0.5%n",
                format(r.coefficient(r.a().value(), false), 3), format(r.a().value(), 3),
                format(r.coefficient(r.b().value(), true), 3), format(r.b().value(), 3),
                format(r.coefficient(0.5, false), 3), format(r.coefficient(0.5, true), 3)));
        sb.append(r.trustworthy() ? "trustworthy: " : "NOT trustworthy: ").append(r.reason()).append(System.lineSeparator());
        return sb.toString();
    }

    /**
     * Why there is no exponent: a = slope of ln N_opt on ln C needs two usable budgets. Names the
     * first budget that was not usable and why, so the user knows what to change.
     */
    public static String tooFewBudgets(IsoFlop.Result r, int runs) {
        StringBuilder m = new StringBuilder("the exponent a needs at least 2 usable FLOP budgets (3 for a trustworthy fit), found ")
                .append(r.usableBudgets()).append(" of ").append(r.budgets().size()).append(" (")
                .append(r.placed()).append(" of ").append(runs).append(" runs placed)");
        for (IsoFlop.Budget b : r.budgets()) {
            if (!b.usable()) {
                m.append("; budget ").append(format(b.flops(), 3)).append(" (").append(b.runs())
                        .append(b.runs() == 1 ? " run" : " runs").append("): ").append(b.note());
                break;
            }
        }
        return m.toString();
    }
}
