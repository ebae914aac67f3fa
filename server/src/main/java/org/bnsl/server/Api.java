package org.bnsl.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** The operations of the API, each answering exactly what the command line prints with {@code --json}. */
final class Api {
    private Api() {
    }

    /** GET /api/v1/laws: the built-in laws as {@code bnsl laws} lists them (bnsl first). */
    static String laws() {
        com.fasterxml.jackson.databind.node.ObjectNode root = Http.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode arr = root.putArray("laws");
        java.util.List<org.bnsl.law.Law> all = new java.util.ArrayList<>();
        all.add(org.bnsl.law.Bnsl.withBreaks(1));
        all.addAll(org.bnsl.law.Laws.all());
        for (org.bnsl.law.Law law : all) {
            com.fasterxml.jackson.databind.node.ObjectNode o = arr.addObject();
            o.put("name", law instanceof org.bnsl.law.Bnsl ? "bnsl" : law.name());
            law.variables().forEach(o.putArray("variables")::add);
            law.parameters().forEach(o.putArray("parameters")::add);
            o.put("formula", law.formula());
        }
        return root.toPrettyString() + "\n";
    }

    static Map<String, Endpoint> endpoints() {
        Map<String, Endpoint> m = new LinkedHashMap<>();
        for (String name : new String[] {"fit", "compare", "predict", "plan", "backtest"}) {
            m.put(name, r -> {
                throw new ApiException(501, "not_implemented", name + " is not wired yet", null);
            });
        }
        return m;
    }
}
