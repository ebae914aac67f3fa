package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.Json;
import org.bnsl.uncertainty.BootstrapResult;
import org.bnsl.uncertainty.PredictionInterval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bnsl predict}: evaluates a saved model at new scales. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict the metric at new scales from a model file written by 'bnsl fit --out'.")
final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json")
    Path model;

    @Option(names = "--at", required = true, split = ",", paramLabel = "X1,X2,...", description = "scales to predict at")
    List<String> at;

    @Option(names = "--group", paramLabel = "NAME", description = "only this group")
    String group;

    @Option(names = "--json", description = "write JSON to stdout instead of text")
    boolean json;

    @Override
    public Integer call() {
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
        List<ModelFile.Entry> entries = ModelFile.read(model);
        if (group != null) {
            List<ModelFile.Entry> only = entries.stream().filter(e -> e.name().equals(group)).toList();
            if (only.isEmpty()) {
                throw new InputException(model + ": no group '" + group + "'; the groups are: "
                        + String.join(", ", entries.stream().map(ModelFile.Entry::name).toList()));
            }
            entries = only;
        }
        for (ModelFile.Entry e : entries) {
            if (e.law().variables().size() != 1) {
                throw new InputException(model + ": law '" + e.law().name() + "' takes " + String.join(", ", e.law().variables())
                        + "; 'bnsl predict --at' predicts laws of one variable");
            }
            for (int i = 0; i < xs.size(); i++) {
                String why = e.outsideDomain(xs.get(i));
                if (why != null) {
                    throw new InputException("--at: '" + at.get(i).trim() + "': series '" + e.name() + "': " + why
                            + (e.anySign() || e.xOffset() != 0 ? "" : " (fit with --x-offset S to predict at x = 0)"));
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
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
            out.print(Json.write(root));
        } else {
            boolean far = false;
            for (ModelFile.Entry e : entries) {
                BootstrapResult b = e.bootstrap();
                out.println("series " + e.name() + ": " + e.law().name() + " (fitted on x " + format(e.xMin()) + ".." + format(e.xMax()) + ")");
                out.println(String.format(Locale.ROOT, "  %-12s %-12s %-23s %s", "x", "predicted",
                        b == null ? "" : format(100 * b.level()) + "% interval", "x / largest fitted x"));
                for (double x : xs) {
                    String iv = "";
                    if (b != null) {
                        PredictionInterval p = b.predict(x);
                        iv = "[" + format(p.lo(), 4) + ", " + format(p.hi(), 4) + "]";
                    }
                    double ratio = x / e.xMax();
                    far |= ratio > 10;
                    out.println(String.format(Locale.ROOT, "  %-12s %-12s %-23s %s%s", format(x), format(e.predict(x)), iv,
                            format(ratio, 3), ratio > 10 ? "  !" : ""));
                }
            }
            if (far) {
                out.println("! more than 10× beyond the largest fitted x: treat these predictions with care");
            }
        }
        out.flush();
        return Main.OK;
    }
}
