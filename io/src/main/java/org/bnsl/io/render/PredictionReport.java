package org.bnsl.io.render;

import static org.bnsl.Numbers.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bnsl.InputException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.PredictionInterval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The predictions of a saved model at new scales ({@code bnsl predict}): the scales read and checked
 * against each curve's domain, and their text and JSON. The command line and the server both use it.
 */
public final class PredictionReport {
    private PredictionReport() {
    }

    /** The scales of {@code --at} as finite numbers; anything else is an {@link InputException} naming it. */
    public static List<Double> scales(List<String> at) {
        List<Double> xs = new ArrayList<>();
        for (String s : at) {
            double v;
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new InputException("--at: '" + s + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new InputException("--at: '" + s + "' is not a finite number");
            }
            xs.add(v);
        }
        return xs;
    }

    /**
     * The curves of a model file to predict: the one named {@code group} (all when null), each a law
     * of one variable, with every scale inside its domain (x plus the fit's shift positive, or
     * non-negative for a law that allows x = 0). {@code source} names the model file in messages.
     */
    public static List<ModelFile.Entry> select(List<ModelFile.Entry> entries, String group, List<Double> xs, List<String> at,
            String source) {
        if (group != null) {
            List<ModelFile.Entry> only = entries.stream().filter(e -> e.name().equals(group)).toList();
            if (only.isEmpty()) {
                throw new InputException(source + ": no group '" + group + "'; the groups are: "
                        + String.join(", ", entries.stream().map(ModelFile.Entry::name).toList()));
            }
            entries = only;
        }
        for (ModelFile.Entry e : entries) {
            if (e.law().variables().size() != 1) {
                throw new InputException(source + ": law '" + e.law().name() + "' takes " + String.join(", ", e.law().variables())
                        + "; 'bnsl predict --at' predicts laws of one variable");
            }
            boolean zeroOk = e.law() instanceof org.bnsl.law.FittableLaw f && f.allowsZeroX();
            for (int i = 0; i < xs.size(); i++) {
                double x = xs.get(i);
                double shifted = x + e.xOffset();
                if (!(shifted > 0 || (zeroOk && shifted == 0))) {
                    String fitted = e.xOffset() == 0 ? "x" : "x + " + format(e.xOffset());
                    throw new InputException("--at: '" + at.get(i).trim() + "' is outside the law's domain: series '"
                            + e.name() + "' was fitted in " + fitted + ", which must be " + (zeroOk ? "≥ 0" : "> 0")
                            + " (fit with --x-offset S to predict at x = 0)");
                }
            }
        }
        return entries;
    }

    /** What {@code predict --json} prints: per curve its name, law, interval level and each prediction. */
    public static ObjectNode json(List<ModelFile.Entry> entries, List<Double> xs) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("series");
        for (ModelFile.Entry e : entries) {
            ObjectNode s = arr.addObject();
            s.put("name", e.name());
            s.put("law", e.law().name());
            if (e.bootstrap() != null) s.put("level", e.bootstrap().level());
            ArrayNode pts = s.putArray("predictions");
            for (double x : xs) {
                ObjectNode o = pts.addObject();
                Json.putNumber(o, "x", x);
                Json.putNumber(o, "predicted", e.predict(x));
                if (e.bootstrap() != null) {
                    PredictionInterval iv = e.bootstrap().predict(x);
                    Json.putNumber(o, "lo", iv.lo());
                    Json.putNumber(o, "hi", iv.hi());
                }
                Json.putNumber(o, "extrapolation", x / e.xMax());
            }
        }
        return root;
    }

    /** What {@code predict} prints for people: a table per curve, flagging scales far beyond the data. */
    public static String text(List<ModelFile.Entry> entries, List<Double> xs) {
        StringBuilder out = new StringBuilder();
        boolean far = false;
        for (ModelFile.Entry e : entries) {
            BootstrapResult b = e.bootstrap();
            out.append("series ").append(e.name()).append(": ").append(e.law().name()).append(" (fitted on x ").append(format(e.xMin()))
                    .append("..").append(format(e.xMax())).append(")").append(System.lineSeparator());
            out.append(String.format(Locale.ROOT, "  %-12s %-12s %-23s %s", "x", "predicted",
                    b == null ? "" : format(100 * b.level()) + "% interval", "x / largest fitted x")).append(System.lineSeparator());
            for (double x : xs) {
                String iv = "";
                if (b != null) {
                    PredictionInterval p = b.predict(x);
                    iv = "[" + format(p.lo(), 4) + ", " + format(p.hi(), 4) + "]";
                }
                double ratio = x / e.xMax();
                far |= ratio > 10;
                out.append(String.format(Locale.ROOT, "  %-12s %-12s %-23s %s%s", format(x), format(e.predict(x)), iv,
                        format(ratio, 3), ratio > 10 ? "  !" : "")).append(System.lineSeparator());
            }
        }
        if (far) {
            out.append("! more than 10× beyond the largest fitted x: treat these predictions with care").append(System.lineSeparator());
        }
        return out.toString();
    }
}
