package org.bnsl.server;

/**
 * A request the server refuses, with what the client is told: the HTTP status, a stable code, a
 * one-line message and where the problem is (a field name such as {@code holdout_above}, {@code csv}
 * for the data, or null). Rendered as {@code {"error": {"code", "message", "where"}}}.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String where;

    public ApiException(int status, String code, String message, String where) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.where = where;
    }

    /** Bad input (400) at {@code where}. */
    public static ApiException badInput(String message, String where) {
        return new ApiException(400, "bad_input", message, where);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String where() {
        return where;
    }
}
