package org.bnsl.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.bnsl.data.Series;
import org.bnsl.law.formula.Formula;

/**
 * The 27 NIST StRD nonlinear regression problems (test resources {@code nist_strd/}, copied from
 * the shared data set; see its README for the source) and their scoring: the log relative error
 * LRE = −log10(|est − cert|/|cert|), the minimum over the parameters, capped at 11, the best over
 * the certified equivalent solutions (McCullough 1999). A problem is solved at LRE ≥ 4.
 */
final class NistStrd {
    static final double LRE_CAP = 11;
    static final double SOLVED = 4;

    /** One problem: its model as a bnsl formula, data, starting points and certified values. */
    record Problem(String name, String difficulty, String formula, List<String> variables, List<String> parameters,
                   double[] start1, double[] start2, double[][] certified, double certifiedRss, Series data) {
    }

    /**
     * How one fit went: the LRE, the residual sum of squares, the time, the error if it threw, and
     * the winning run's termination and warnings otherwise.
     */
    record Outcome(double lre, double rss, long millis, int evaluations, String error, String termination, List<String> warnings) {
        boolean solved() {
            return lre >= SOLVED;
        }
    }

    private NistStrd() {
    }

    static List<Problem> problems() {
        try (InputStream in = resource("problems.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Problem> out = new ArrayList<>();
            for (JsonNode p : root.get("problems")) {
                List<String> vars = new ArrayList<>();
                List<String> cols = new ArrayList<>();
                p.get("variables").properties().forEach(e -> {
                    vars.add(e.getKey());
                    cols.add(e.getValue().asText());
                });
                List<String> params = new ArrayList<>();
                p.get("parameters").forEach(n -> params.add(n.asText()));
                List<double[]> eq = new ArrayList<>();
                p.get("certified_equivalents").forEach(n -> eq.add(doubles(n)));
                if (eq.isEmpty()) eq.add(doubles(p.get("certified")));
                Series data = read(p.get("name").asText(), p.get("csv").asText(), vars, cols, p.get("y_column").asText());
                out.add(new Problem(p.get("name").asText(), p.get("difficulty").asText(), p.get("formula").asText(),
                        vars, params, doubles(p.get("start1")), doubles(p.get("start2")),
                        eq.toArray(new double[0][]), p.get("certified_rss").asDouble(), data));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = NistStrd.class.getResourceAsStream("/nist_strd/" + name);
        if (in == null) throw new IllegalStateException("missing test resource nist_strd/" + name);
        return in;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asDouble();
        return v;
    }

    /** Reads the problem's CSV (a header, then numbers) into a series with the given variables. */
    private static Series read(String name, String csv, List<String> vars, List<String> cols, String yCol) throws IOException {
        String text;
        try (InputStream in = resource(csv)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int n = lines.size() - 1;
        double[][] table = new double[header.size()][n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < header.size(); j++) table[j][i] = Double.parseDouble(f[j].trim());
        }
        Series.Builder b = Series.builder().name(name).source("nist_strd/" + csv);
        for (int j = 0; j < vars.size(); j++) b.variable(vars.get(j), cols.get(j), table[header.indexOf(cols.get(j))]);
        return b.y(yCol, table[header.indexOf(yCol)]).build();
    }

    /** Fits from {@code start} only (one run), or with bnsl's automatic starts when it is null. */
    static Outcome fit(Problem pr, double[] start) {
        long t0 = System.nanoTime();
        try {
            Formula f = Formula.compile(pr.formula(), pr.variables());
            LawFitOptions.Builder o = LawFitOptions.builder().space(Objective.LINEAR);
            if (start != null) {
                o.starts(1);
                for (int k = 0; k < start.length; k++) o.init(pr.parameters().get(k), start[k]);
            }
            Fit fit = new LawFitter(f, o.build()).fit(pr.data());
            Map<String, Double> est = fit.parameterMap();
            double[] e = new double[pr.parameters().size()];
            for (int k = 0; k < e.length; k++) e[k] = est.get(pr.parameters().get(k));
            return new Outcome(lre(e, pr.certified()), rss(f, fit.parameters(), pr.data()),
                    (System.nanoTime() - t0) / 1_000_000, fit.evaluations(), null, fit.termination(), fit.warnings());
        } catch (RuntimeException ex) {
            return new Outcome(0, Double.NaN, (System.nanoTime() - t0) / 1_000_000, 0,
                    ex.getClass().getSimpleName() + ": " + ex.getMessage(), "", List.of());
        }
    }

    /** The best over the equivalent certified solutions of the least LRE over the parameters. */
    static double lre(double[] est, double[][] certified) {
        double best = 0;
        for (double[] c : certified) {
            double worst = LRE_CAP;
            for (int k = 0; k < c.length; k++) {
                double rel = Math.abs(est[k] - c[k]) / Math.abs(c[k]);
                double l = rel == 0 ? LRE_CAP : -Math.log10(rel);
                worst = Math.min(worst, Double.isNaN(l) ? 0 : Math.max(0, Math.min(LRE_CAP, l)));
            }
            best = Math.max(best, worst);
        }
        return best;
    }

    static double rss(Formula f, double[] p, Series data) {
        double s = 0;
        for (int i = 0; i < data.size(); i++) {
            double r = f.value(p, data.point(i)) - data.y(i);
            s += r * r;
        }
        return s;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3g", v);
    }
}
