package org.bnsl.io.model;

import static org.bnsl.Numbers.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.bnsl.InputException;
import org.bnsl.data.Series;
import org.bnsl.fit.Fit;
import org.bnsl.fit.Objective;
import org.bnsl.io.FitRun;
import org.bnsl.io.render.FitReport;
import org.bnsl.io.render.Json;
import org.bnsl.law.Bnsl;
import org.bnsl.law.Committee;
import org.bnsl.law.FittableLaw;
import org.bnsl.law.Law;
import org.bnsl.law.Laws;
import org.bnsl.law.Parameter;
import org.bnsl.law.formula.Formula;
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
public final class ModelFile {
    public static final String FORMAT = "bnsl-model";
    public static final int VERSION = 1;

    /**
     * One fitted curve read back from a model file.
     *
     * @param anySign a formula fitted in linear space: its variables may take any value where the
     *                formula is defined (domains follow the space); otherwise x + offset must be
     *                positive (non-negative for a law defined at 0)
     */
    public record Entry(String name, Law law, double[] parameters, double xOffset, double xMin, double xMax, BootstrapResult bootstrap,
                        boolean anySign) {
        /** The fitted law at x (a law of one variable), in the data's x. */
        public double predict(double x) {
            return law.value(parameters, new double[] {x + xOffset});
        }

        /** Why the law cannot be predicted at {@code x} (one value per variable, in the data's x), or null when it can. */
        public String outsideDomain(double... x) {
            return ModelFile.outsideDomain(law, parameters, xOffset, anySign, x);
        }
    }

    /**
     * Why {@code law} cannot be predicted at {@code x} (one finite value per variable, in the data's
     * x, shifted by {@code offset}), or null when it can. A formula fitted in linear space
     * ({@code anySign}) is defined wherever its value is finite, whatever the signs of x; every other
     * law and space needs x + offset &gt; 0 (or &gt;= 0 for a law defined at 0, such as rectified).
     */
    public static String outsideDomain(Law law, double[] parameters, double offset, boolean anySign, double[] x) {
        List<String> vars = law.variables();
        double[] at = new double[x.length];
        for (int j = 0; j < x.length; j++) at[j] = x[j] + offset;
        if (anySign) {
            double v = law.value(parameters, at);
            if (Double.isFinite(v)) return null;
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < x.length; j++) sb.append(j > 0 ? ", " : "").append(vars.get(j)).append(" = ").append(format(x[j]));
            return "the formula is undefined at " + sb + " (it gives " + v + ")";
        }
        boolean zeroOk = law instanceof FittableLaw f && f.allowsZeroX();
        for (int j = 0; j < x.length; j++) {
            if (!(at[j] > 0 || (zeroOk && at[j] == 0))) {
                String fitted = offset == 0 ? vars.get(j) : vars.get(j) + " + " + format(offset);
                return vars.get(j) + " = " + x[j] + " is outside the law's domain: it was fitted in " + fitted
                        + ", which must be " + (zeroOk ? "≥ 0" : "> 0")
                        + (law instanceof Formula ? " (a formula fitted with --space linear may take any x where it is defined)" : "");
            }
        }
        return null;
    }

    /** How the model was fitted, as far as redrawing it needs: columns, metric, group, filters. */
    public record FittedWith(String source, Map<String, String> columns, String y, String group, String where,
            Double holdoutAbove, String holdoutWhere) {
    }

    private ModelFile() {
    }

    /** The "fitted_with" record of a model file that {@link #read} accepted. */
    public static FittedWith fittedWith(Path file) {
        try {
            return fittedWith(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The "fitted_with" record of a model file's text that {@link #read(String, String)} accepted. */
    public static FittedWith fittedWith(String source, String text) {
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(text).path("fitted_with");
        } catch (IOException e) {
            throw new InputException(source + ": cannot read: " + e.getMessage());
        }
        Map<String, String> cols = new java.util.LinkedHashMap<>();
        m.path("columns").fields().forEachRemaining(kv -> cols.put(kv.getKey(), kv.getValue().asText()));
        return new FittedWith(m.path("source").asText(null), cols, m.path("y").asText(null), m.path("group").asText(null),
                m.path("where").asText(null), m.path("holdout_above").isNumber() ? m.path("holdout_above").asDouble() : null,
                m.path("holdout_where").asText(null));
    }

    /** The model file of these fits, with how they were made (the run's source, columns and options) and the bootstrap resamples. */
    public static ObjectNode toJson(List<Extrapolation> results, FitRun run) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("bnsl_version", org.bnsl.io.Bnsl.version());
        Fit first = results.get(0).fit();
        boolean committee = results.stream().anyMatch(e -> !e.fit().law().name().equals(first.law().name())
                || e.fit().law() instanceof Committee || (e.fit().law() instanceof Bnsl b && first.law() instanceof Bnsl f
                && b.breaks() != f.breaks()));
        root.put("law", committee ? "committee" : first.law().name());
        if (first.law() instanceof Bnsl b && !committee) {
            root.put("breaks", b.breaks());
        }
        if (first.law() instanceof Formula && !committee) {
            root.put("formula", first.law().formula());
        }
        ArrayNode vars = root.putArray("variables");
        first.law().variables().forEach(vars::add);
        ObjectNode made = root.putObject("fitted_with");
        made.put("source", run.source());
        ObjectNode cols = made.putObject("columns");
        run.columns().forEach(cols::put);
        made.put("y", run.spec().y());
        if (run.spec().group() != null) made.put("group", run.spec().group());
        if (run.spec().weights() != null) made.put("weights", run.spec().weights());
        if (run.spec().where() != null) made.put("where", run.spec().where());
        made.put("space", first.objective().id());
        made.put("loss_function", first.lossFunction());
        if (run.spec().direction() != null) made.put("direction", run.spec().direction());
        made.put("x_offset", first.xOffset());
        if (run.spec().holdoutAbove() != null) Json.putNumber(made, "holdout_above", run.spec().holdoutAbove());
        if (run.spec().holdoutWhere() != null) made.put("holdout_where", run.spec().holdoutWhere());
        ArrayNode series = root.putArray("series");
        for (Extrapolation e : results) {
            ObjectNode s = series.addObject();
            s.put("name", e.train().name());
            Fit fit = committee ? asCommittee(e.fit()) : e.fit();
            if (fit.law() instanceof Committee c) {
                ArrayNode ms = s.putArray("members");
                for (int i = 0; i < c.members().size(); i++) {
                    ObjectNode m = ms.addObject();
                    m.put("name", c.labels().get(i));
                    m.put("law", c.members().get(i).name());
                    if (c.members().get(i) instanceof Bnsl b) m.put("breaks", b.breaks());
                    Json.putNumber(m, "shift", c.shift(i));
                    Json.putNumber(m, "lowest", c.lowest(i));
                }
            }
            ObjectNode p = s.putObject("parameters");
            for (Map.Entry<String, Double> kv : fit.parameterMap().entrySet()) {
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

    /**
     * The one series of a model file a command works with: the one named by {@code group}, or the
     * only one. No such group is an {@link InputException}; several and no group an
     * {@link org.bnsl.io.OptionException} on {@code --group}. {@code source} names the file in messages.
     */
    public static Entry oneSeries(List<Entry> entries, String group, String source) {
        if (group != null) {
            return entries.stream().filter(x -> x.name().equals(group)).findFirst().orElseThrow(() -> new InputException(
                    source + ": no group '" + group + "'; the groups are: "
                            + String.join(", ", entries.stream().map(Entry::name).toList())));
        }
        if (entries.size() > 1) {
            throw new org.bnsl.io.OptionException("--group", source + " has " + entries.size() + " groups; choose one with --group NAME");
        }
        return entries.get(0);
    }

    /** Reads and validates a model file; any problem is an {@link InputException} naming the file and the entry. */
    public static List<Entry> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such model file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputException(file + ": not a bnsl model file: not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        return read(file.toString(), text);
    }

    /**
     * Reads and validates a model file's text (from a request, say); {@code source} names it in
     * messages as a file's path would.
     */
    public static List<Entry> read(String source, String text) {
        String file = source;
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
        Law rootLaw = "committee".equals(root.path("law").asText()) ? null : lawOf(root, file);
        JsonNode xOffsetNode = root.path("fitted_with").path("x_offset");
        if (!xOffsetNode.isMissingNode() && !(xOffsetNode.isNumber() && Double.isFinite(xOffsetNode.asDouble())
                && xOffsetNode.asDouble() >= 0)) {
            throw new InputException(file + ": \"fitted_with\".\"x_offset\" must be a finite number ≥ 0, got " + xOffsetNode);
        }
        double offset = xOffsetNode.asDouble(0);
        boolean[] rootPositive = rootLaw == null ? null : positiveParameters(rootLaw);
        // domains follow the space: a formula fitted in linear space may have data of any sign
        boolean anySign = rootLaw instanceof Formula && "linear".equals(root.path("fitted_with").path("space").asText());
        List<Entry> out = new ArrayList<>();
        JsonNode series = root.path("series");
        if (!series.isArray() || series.isEmpty()) {
            throw new InputException(file + ": the model file has no \"series\"");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JsonNode s : series) {
            if (!s.isObject() || !s.path("name").isTextual()) {
                throw new InputException(file + ": every entry of \"series\" must be an object with a \"name\"");
            }
            String name = s.path("name").asText();
            if (!names.add(name)) {
                throw new InputException(file + ": series '" + name + "' appears twice");
            }
            String where = file + ": series '" + name + "'";
            Law law = rootLaw != null ? rootLaw : committeeOf(s.path("members"), where);
            boolean[] positive = rootLaw != null ? rootPositive : positiveParameters(law);
            JsonNode p = s.path("parameters");
            if (!p.isObject()) {
                throw new InputException(where + ": \"parameters\" must be an object of numbers");
            }
            double[] params = new double[law.parameterCount()];
            for (int k = 0; k < params.length; k++) {
                String pn = law.parameters().get(k);
                JsonNode v = p.get(pn);
                if (v == null || !v.isNumber()) {
                    throw new InputException(where + ": parameter '" + pn + "' is missing or not a number");
                }
                params[k] = v.asDouble();
            }
            for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
                String pn = it.next();
                if (!law.parameters().contains(pn)) {
                    throw new InputException(where + ": unknown parameter '" + pn + "' for law " + law.name());
                }
            }
            checkDomain(where + ": parameter", law, positive, params);
            JsonNode d = s.path("data");
            double xMin = Double.NaN;
            double xMax = Double.NaN;
            if (law.variables().size() == 1) {
                if (!(d.path("x_max").isNumber() && d.path("x_min").isNumber())) {
                    throw new InputException(where + ": \"data\" must give the fitted range x_min and x_max");
                }
                xMin = d.path("x_min").asDouble();
                xMax = d.path("x_max").asDouble();
                checkRange(where, "x", xMin, xMax, offset, anySign);
            } else {
                for (String v : law.variables()) {
                    if (d.has(v + "_min") || d.has(v + "_max")) {
                        checkRange(where, v, d.path(v + "_min").asDouble(Double.NaN), d.path(v + "_max").asDouble(Double.NaN), offset,
                                anySign);
                    }
                }
            }
            if (d.has("n") && !(d.get("n").canConvertToExactIntegral() && d.get("n").asLong() >= 1)) {
                throw new InputException(where + ": \"data\".\"n\" must be a count of points ≥ 1, got " + d.get("n"));
            }
            BootstrapResult boot = null;
            JsonNode b = s.get("bootstrap");
            if (b != null) {
                boot = readBootstrap(file, name, law, positive, params, offset, b);
            }
            out.add(new Entry(name, law, params, offset, xMin, xMax, boot, anySign));
        }
        return out;
    }

    /** A fit as a committee (of one, when it is a single law), so that every series of a model file has one form. */
    private static Fit asCommittee(Fit f) {
        if (f.law() instanceof Committee) {
            return f;
        }
        String label = f.law() instanceof Bnsl b ? "bnsl:" + b.breaks() : f.law().name();
        Committee c = Committee.of(List.of(label), List.of(f.law()), new double[] {f.xOffset()}, new double[1]);
        return new Fit(c, f.parameters(), f.objective(), f.loss(), f.points(), f.starts(), f.evaluations(), f.termination(), 0,
                f.lossFunction());
    }

    /** The committee a series of a "committee" model file describes in its "members". */
    private static Committee committeeOf(JsonNode members, String where) {
        if (!members.isArray() || members.isEmpty() || members.size() > 64) {
            throw new InputException(where + ": a committee model needs \"members\", a list of 1 to 64 laws");
        }
        List<String> labels = new ArrayList<>();
        List<Law> laws = new ArrayList<>();
        double[] shifts = new double[members.size()];
        double[] lowest = new double[members.size()];
        for (int i = 0; i < members.size(); i++) {
            JsonNode m = members.get(i);
            String at = where + ": member " + (i + 1);
            if (!m.path("name").isTextual() || !m.path("law").isTextual()) {
                throw new InputException(at + ": needs a \"name\" and a \"law\"");
            }
            String lawName = m.path("law").asText();
            Law law;
            if (lawName.equals("bnsl")) {
                int breaks = m.path("breaks").isInt() ? m.path("breaks").asInt() : -1;
                if (breaks < 0 || breaks > Bnsl.MAX_BREAKS) {
                    throw new InputException(at + ": \"breaks\" must be between 0 and " + Bnsl.MAX_BREAKS);
                }
                law = Bnsl.withBreaks(breaks);
            } else {
                try {
                    law = Laws.byName(lawName);
                } catch (InputException e) {
                    throw new InputException(at + ": " + e.getMessage());
                }
                if (law.variables().size() != 1) {
                    throw new InputException(at + ": law " + org.bnsl.data.Table.quote(lawName) + " is not a law of one variable");
                }
            }
            JsonNode sh = m.path("shift");
            JsonNode lo = m.path("lowest");
            if (!(sh.isNumber() && Double.isFinite(sh.asDouble()) && sh.asDouble() >= 0)
                    || !(lo.isNumber() && Double.isFinite(lo.asDouble()) && lo.asDouble() >= 0)) {
                throw new InputException(at + ": \"shift\" and \"lowest\" must be finite numbers ≥ 0");
            }
            labels.add(m.path("name").asText());
            laws.add(law);
            shifts[i] = sh.asDouble();
            lowest[i] = lo.asDouble();
        }
        if (new java.util.HashSet<>(labels).size() != labels.size()) {
            throw new InputException(where + ": two committee members share a name");
        }
        return Committee.of(labels, laws, shifts, lowest);
    }

    /** A fitted range must be finite, ordered, and inside the law's domain (x + offset >= 0, unless {@code anySign}). */
    private static void checkRange(String where, String v, double lo, double hi, double offset, boolean anySign) {
        if (!(Double.isFinite(lo) && Double.isFinite(hi))) {
            throw new InputException(where + ": \"data\".\"" + v + "_min\" and \"" + v + "_max\" must be finite numbers");
        }
        if (!anySign && !(lo + offset >= 0)) {
            throw new InputException(where + ": \"data\".\"" + v + "_min\" = " + format(lo) + " is outside the law's domain ("
                    + v + (offset == 0 ? "" : " + " + format(offset)) + " ≥ 0)");
        }
        if (!(hi >= lo)) {
            throw new InputException(where + ": \"data\".\"" + v + "_max\" = " + format(hi) + " is below \"" + v
                    + "_min\" = " + format(lo));
        }
    }

    /**
     * Which parameters must be positive: BNSL's break positions dᵢ and sharpnesses fᵢ (Caballero
     * et al. 2022, eq. 1), and the positive scales (log-scale parameters) of every other law, as its
     * {@link FittableLaw#parameterSpecs} declares them.
     */
    private static boolean[] positiveParameters(Law law) {
        if (law instanceof Committee c) {
            boolean[] all = new boolean[law.parameterCount()];
            int at = 0;
            for (Law m : c.members()) {
                boolean[] one = positiveParameters(m);
                System.arraycopy(one, 0, all, at, one.length);
                at += one.length;
            }
            return all;
        }
        boolean[] positive = new boolean[law.parameterCount()];
        if (law instanceof Bnsl) {
            for (int k = 0; k < positive.length; k++) {
                String n = law.parameters().get(k);
                positive[k] = n.startsWith("d") || n.startsWith("f");
            }
            return positive;
        }
        if (law instanceof FittableLaw f) {
            try {
                Series.Builder probe = Series.builder().name("probe");
                for (String v : law.variables()) probe.variable(v, v, new double[] {1, 10, 100});
                List<Parameter> specs = f.parameterSpecs(probe.y("y", new double[] {3, 2, 1.5}).build());
                for (int k = 0; k < positive.length && k < specs.size(); k++) {
                    positive[k] = specs.get(k).logScale();
                }
            } catch (RuntimeException e) {
                // a law that cannot describe itself on a probe curve: check finiteness only
            }
        }
        return positive;
    }

    /** Every parameter finite, and the positive ones positive; the message names the first that is not. */
    private static void checkDomain(String where, Law law, boolean[] positive, double[] params) {
        for (int k = 0; k < params.length; k++) {
            String pn = law.parameters().get(k);
            if (!Double.isFinite(params[k])) {
                throw new InputException(where + " '" + pn + "' = " + params[k] + " is not a finite number");
            }
            if (positive[k] && !(params[k] > 0)) {
                throw new InputException(where + " '" + pn + "' = " + format(params[k]) + " is outside the law's domain ("
                        + pn + " > 0)");
            }
        }
    }

    private static BootstrapResult readBootstrap(String file, String name, Law law, boolean[] positive, double[] params, double offset,
            JsonNode b) {
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
            for (int k = 0; k < p[i].length; k++) {
                if (!row.get(k).isNumber()) {
                    throw new InputException(where + ": resample " + (i + 1) + ": '" + law.parameters().get(k) + "' is not a number");
                }
                p[i][k] = row.get(k).asDouble();
            }
            checkDomain(where + ": resample " + (i + 1) + ": parameter", law, positive, p[i]);
        }
        double[] r = numbers(rs, where + ": \"residuals\"");
        double[] x = numbers(xm, where + ": \"x_max\"");
        if (x.length != law.variables().size()) {
            throw new InputException(where + ": \"x_max\" must have " + law.variables().size() + " number(s), one per variable");
        }
        double level = b.path("level").asDouble();
        if (!(level > 0 && level < 1)) {
            throw new InputException(where + ": level must be in (0, 1)");
        }
        if (b.has("seed") && !b.get("seed").canConvertToLong()) {
            throw new InputException(where + ": \"seed\" must be an integer");
        }
        Objective space;
        try {
            space = Objective.parse(b.path("space").asText("log"));
        } catch (InputException e) {
            throw new InputException(where + ": \"space\": " + e.getMessage());
        }
        Fit fit = new Fit(law, params, space, Double.NaN, 0, 0, 0, "", offset);
        return BootstrapResult.restore(fit, p, r, x, level, b.path("seed").asLong(0));
    }

    /** The finite numbers of a JSON array. */
    private static double[] numbers(JsonNode a, String where) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber() || !Double.isFinite(a.get(i).asDouble())) {
                throw new InputException(where + ": entry " + (i + 1) + " is not a finite number");
            }
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static Law lawOf(JsonNode root, String file) {
        String name = root.path("law").asText();
        if ("bnsl".equals(name)) {
            int breaks = root.path("breaks").isInt() ? root.path("breaks").asInt() : -1;
            if (breaks < 0 || breaks > Bnsl.MAX_BREAKS) {
                throw new InputException(file + ": \"breaks\" must be between 0 and " + Bnsl.MAX_BREAKS);
            }
            return Bnsl.withBreaks(breaks);
        }
        if ("formula".equals(name)) {
            List<String> vars = new ArrayList<>();
            root.path("variables").forEach(v -> vars.add(v.asText()));
            if (!root.path("formula").isTextual() || vars.isEmpty()) {
                throw new InputException(file + ": a formula model needs \"formula\" and its \"variables\"");
            }
            try {
                return Formula.compile(root.path("formula").asText(), vars);
            } catch (InputException e) {
                throw new InputException(file + ": \"formula\": " + e.getMessage());
            }
        }
        try {
            return Laws.byName(name);
        } catch (InputException e) {
            throw new InputException(file + ": " + e.getMessage());
        }
    }
}
