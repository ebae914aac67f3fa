package org.bnsl.law.formula;

/** One token of a formula or predicate: its kind, its text and its 1-based column. */
record Token(Kind kind, String text, double number, int column) {

    enum Kind {
        NUMBER, IDENT, PLUS, MINUS, STAR, SLASH, CARET, LPAREN, RPAREN, COMMA,
        LT, LE, GT, GE, EQ, NE, AND, OR, NOT, END
    }

    /** How the token reads in an error message: {@code ')'}, {@code 'loss'}, or {@code end of formula}. */
    String quoted() {
        return kind == Kind.END ? "end" : "'" + text + "'";
    }
}
