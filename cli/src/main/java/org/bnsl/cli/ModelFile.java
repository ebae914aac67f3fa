package org.bnsl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.bnsl.InputException;
import org.bnsl.fit.Fit;
import org.bnsl.law.Bnsl;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.bnsl.law.formula.Formula;
import org.bnsl.fit.Objective;
import org.bnsl.select.Extrapolation;
import org.bnsl.uncertainty.BootstrapResult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The model file {@code bnsl fit --out} writes and {@code bnsl predict} reads: the law, every
 * group's parameters, the data range they were fitted on and how the fit was made (options, source,
 * bnsl version). Versioned; a reader refuses versions it does not know.
 */
final class ModelFile {
    static final String FORMAT = "bnsl-model";
    static final int VERSION = 1;

    /** One fitted curve read back from a model file. */
    record Entry(String name, Law law, double[] parameters, double xOffset, double xMin, double xMax, BootstrapResult bootstrap) {
        double predict(double x) {
            return law.value(parameters, new double[] {x + xOffset});
        }
    }

    /** How the model was fitted, as far as redrawing it needs: columns, metric, group, filters. */
    record FittedWith(String source, Map<String, String> columns, String y, String group, String where,
            Double holdoutAbove, String holdoutWhere) {
    }

    private ModelFile() {
    }

    /** The "fitted_with" record of a model file that {@link #read} accepted. */
    static FittedWith fittedWith(Path file) {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(Files.readString(file)).path("fitted_with");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> cols = new java.util.LinkedHashMap<>();
        m.path("columns").fields().forEachRemaining(kv -> cols.put(kv.getKey(), kv.getValue().asText()));
        return new FittedWith(m.path("source").asText(null), cols, m.path("y").asText(null), m.path("group").asText(null),
                m.path("where").asText(null), m.path("holdout_above").isNumber() ? m.path("holdout_above").asDouble() : null,
                m.path("holdout_where").asText(null));
    }

    static ObjectNode toJson(List<Extrapolation> results, FitCommand cmd) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("bnsl_version", Main.version());
        Fit first = results.get(0).fit();
        root.put("law", first.law().name());
        if (first.law() instanceof Bnsl b) {
            root.put("breaks", b.breaks());
        }
        if (first.law() instanceof Formula) {
            root.put("formula", first.law().formula());
        }
        ArrayNode vars = root.putArray("variables");
        first.law().variables().forEach(vars::add);
        ObjectNode made = root.putObject("fitted_with");
        made.put("source", cmd.file.toString());
        ObjectNode cols = made.putObject("columns");
        cmd.columns.forEach(cols::put);
        made.put("y", cmd.yColumn);
        if (cmd.groupColumn != null) made.put("group", cmd.groupColumn);
        if (cmd.weightColumn != null) made.put("weights", cmd.weightColumn);
        if (cmd.where != null) made.put("where", cmd.where);
        made.put("space", first.objective().id());
        made.put("loss_function", first.lossFunction());
        if (cmd.direction != null) made.put("direction", cmd.direction);
        made.put("x_offset", first.xOffset());
        if (cmd.holdoutAbove != null) Json.putNumber(made, "holdout_above", cmd.holdoutAbove);
        if (cmd.holdoutWhere != null) made.put("holdout_where", cmd.holdoutWhere);
        ArrayNode series = root.putArray("series");
        for (Extrapolation e : results) {
            ObjectNode s = series.addObject();
            s.put("name", e.train().name());
            ObjectNode p = s.putObject("parameters");
            for (Map.Entry<String, Double> kv : e.fit().parameterMap().entrySet()) {
                Json.putNumber(p, kv.getKey(), kv.getValue());
            }
            ObjectNode d = s.putObject("data");
            d.put("n", e.train().size());
            List<String> names = e.fit().law().variables();
            for (int j = 0; j < names.size(); j++) {
                String key = names.size() == 1 ? "x" : names.get(j);
                Json.putNumber(d, key + "_min", FitReport.min(e.train().x(j)));
                Json.putNumber(d, key + "_max", FitReport.max(e.train().x(j)));
            }
            Json.putNumber(d, "loss", e.fit().loss());
            BootstrapResult boot = e.uncertainty();
            if (boot != null) {
                ObjectNode b = s.putObject("bootstrap");
                b.put("level", boot.level());
                b.put("space", e.fit().objective().id());
                b.put("seed", boot.predictionSeed());
                ArrayNode xm = b.putArray("x_max");
                for (double v : boot.xMax()) xm.add(v);
                ArrayNode r = b.putArray("residuals");
                for (double v : boot.residuals()) r.add(v);
                ArrayNode ps = b.putArray("parameters");
                for (double[] row : boot.parameters()) {
                    ArrayNode a = ps.addArray();
                    for (double v : row) a.add(v);
                }
            }
            Json.putNumber(d, "train_rmsle", e.trainRmsle());
        }
        return root;
    }

    static List<Entry> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such model file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr() + ":";
            throw new InputException(file + ":" + at + " not a bnsl model file: invalid JSON");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new InputException(file + ": not a bnsl model file (expected \"format\": \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.asInt() != VERSION) {
            throw new InputException(file + ": model file version " + root.path("version")
                    + " is not supported; this bnsl reads version " + VERSION);
        }
        Law law = lawOf(root, file);
        double offset = root.path("fitted_with").path("x_offset").asDouble(0);
        List<Entry> out = new ArrayList<>();
        JsonNode series = root.path("series");
        if (!series.isArray() || series.isEmpty()) {
            throw new InputException(file + ": the model file has no \"series\"");
        }
        for (JsonNode s : series) {
            String name = s.path("name").asText();
            JsonNode p = s.path("parameters");
            double[] params = new double[law.parameterCount()];
            for (int k = 0; k < params.length; k++) {
                String pn = law.parameters().get(k);
                JsonNode v = p.get(pn);
                if (v == null || !v.isNumber()) {
                    throw new InputException(file + ": series '" + name + "': parameter '" + pn + "' is missing or not a number");
                }
                params[k] = v.asDouble();
            }
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                String pn = it.next();
                if (!law.parameters().contains(pn)) {
                    throw new InputException(file + ": series '" + name + "': unknown parameter '" + pn + "' for law " + law.name());
                }
            }
            JsonNode d = s.path("data");
            if (law.variables().size() == 1 && !(d.path("x_max").isNumber() && d.path("x_min").isNumber())) {
                throw new InputException(file + ": series '" + name + "': \"data\" must give the fitted range x_min and x_max");
            }
            BootstrapResult boot = null;
            JsonNode b = s.get("bootstrap");
            if (b != null) {
                boot = readBootstrap(file, name, law, params, offset, b);
            }
            out.add(new Entry(name, law, params, offset, d.path("x_min").asDouble(Double.NaN), d.path("x_max").asDouble(Double.NaN), boot));
        }
        return out;
    }

    private static BootstrapResult readBootstrap(Path file, String name, Law law, double[] params, double offset, JsonNode b) {
        String where = file + ": series '" + name + "': \"bootstrap\"";
        JsonNode ps = b.path("parameters");
        JsonNode rs = b.path("residuals");
        JsonNode xm = b.path("x_max");
        if (!ps.isArray() || ps.isEmpty() || !rs.isArray() || rs.isEmpty() || !xm.isArray() || !b.path("level").isNumber()) {
            throw new InputException(where + " needs level, x_max, residuals and parameters");
        }
        double[][] p = new double[ps.size()][];
        for (int i = 0; i < p.length; i++) {
            JsonNode row = ps.get(i);
            if (!row.isArray() || row.size() != law.parameterCount()) {
                throw new InputException(where + ": resample " + (i + 1) + " must have " + law.parameterCount() + " numbers");
            }
            p[i] = new double[row.size()];
            for (int k = 0; k < p[i].length; k++) p[i][k] = row.get(k).asDouble();
        }
        double[] r = new double[rs.size()];
        for (int i = 0; i < r.length; i++) r[i] = rs.get(i).asDouble();
        double[] x = new double[xm.size()];
        for (int i = 0; i < x.length; i++) x[i] = xm.get(i).asDouble();
        double level = b.path("level").asDouble();
        if (!(level > 0 && level < 1)) {
            throw new InputException(where + ": level must be in (0, 1)");
        }
        Fit fit = new Fit(law, params, Objective.parse(b.path("space").asText("log")), Double.NaN, 0, 0, 0, "", offset);
        return BootstrapResult.restore(fit, p, r, x, level, b.path("seed").asLong(0));
    }

    private static Law lawOf(JsonNode root, Path file) {
        String name = root.path("law").asText();
        if ("bnsl".equals(name)) {
            int breaks = root.path("breaks").asInt(-1);
            if (breaks < 0 || breaks > Bnsl.MAX_BREAKS) {
                throw new InputException(file + ": \"breaks\" must be between 0 and " + Bnsl.MAX_BREAKS);
            }
            return Bnsl.withBreaks(breaks);
        }
        if ("formula".equals(name)) {
            List<String> vars = new ArrayList<>();
            root.path("variables").forEach(v -> vars.add(v.asText()));
            return Formula.compile(root.path("formula").asText(), vars);
        }
        try {
            return Laws.byName(name);
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
    }
}
