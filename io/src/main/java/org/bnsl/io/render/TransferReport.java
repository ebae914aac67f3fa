package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.List;
import java.util.Locale;

import org.bnsl.plan.Transfer;
import org.bnsl.uncertainty.ParameterInterval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The renderings of the transfer law D_T = k·D_F^α·N^β (Hernandez et al. 2021, {@link Transfer};
 * {@code bnsl transfer}): JSON and text.
 */
public final class TransferReport {
    private TransferReport() {
    }

    /** What {@code bnsl transfer --json} prints: each run's D_E and D_T, and k, α, β with their intervals. */
    public static ObjectNode json(Transfer.Result res) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("runs");
        for (Transfer.Row row : res.rows()) {
            ObjectNode o = arr.addObject();
            Json.putNumber(o, "N", row.run().n());
            Json.putNumber(o, "D_F", row.run().dFinetune());
            Json.putNumber(o, "loss", row.run().loss());
            if (!Double.isNaN(row.effective())) Json.putNumber(o, "D_E", row.effective());
            if (!Double.isNaN(row.transferred())) Json.putNumber(o, "D_T", row.transferred());
            o.put("used", row.used());
        }
        ObjectNode p = root.putObject("parameters");
        for (ParameterInterval iv : parameters(res)) {
            ObjectNode o = p.putObject(iv.name());
            Json.putNumber(o, "value", iv.estimate());
            Json.putNumber(o, "lo", iv.lo());
            Json.putNumber(o, "hi", iv.hi());
        }
        root.put("level", res.level());
        root.put("runs_used", res.used());
        root.put("resamples", res.resamples());
        return root;
    }

    /**
     * What {@code bnsl transfer} prints: the from-scratch law ({@code formula}, read from
     * {@code scratch}), a table of the runs, then k, α and β with their intervals.
     */
    public static String text(String formula, String scratch, Transfer.Result res) {
        StringBuilder sb = new StringBuilder();
        line(sb, "from-scratch law: " + formula + " (" + scratch + ")");
        line(sb, String.format(Locale.ROOT, "  %-11s %-11s %-10s %-11s %-11s", "N", "D_F", "loss", "D_E", "D_T").stripTrailing());
        for (Transfer.Row row : res.rows()) {
            line(sb, String.format(Locale.ROOT, "  %-11s %-11s %-10s %-11s %-11s %s", format(row.run().n(), 4),
                    format(row.run().dFinetune(), 4), format(row.run().loss(), 5),
                    Double.isNaN(row.effective()) ? "not reached" : format(row.effective(), 4),
                    Double.isNaN(row.transferred()) ? "—" : format(row.transferred(), 4),
                    row.used() ? "" : "left out").stripTrailing());
        }
        line(sb, "D_T = k·D_F^α·N^β, fitted on " + res.used() + " of " + res.rows().size() + " runs ("
                + format(100 * res.level()) + "% intervals, " + res.resamples() + " resamples):");
        for (ParameterInterval iv : parameters(res)) {
            line(sb, String.format(Locale.ROOT, "  %-6s = %-10s [%s, %s]", iv.name(), format(iv.estimate(), 4),
                    format(iv.lo(), 4), format(iv.hi(), 4)));
        }
        return sb.toString();
    }

    private static List<ParameterInterval> parameters(Transfer.Result res) {
        return List.of(res.k(), res.alpha(), res.beta());
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append(System.lineSeparator());
    }
}
