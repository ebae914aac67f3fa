package org.bnsl.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** The operations of the API, each answering exactly what the command line prints with {@code --json}. */
final class Api {
    private Api() {
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
