package org.bnsl.law.formula;

import java.util.List;

/** The syntax tree of a formula or predicate. Every node remembers the 1-based column it starts at. */
sealed interface Node {

    int column();

    /** A number written in the text, or the constant {@code pi}. */
    record Num(double value, int column) implements Node {}

    /** An identifier: a variable, a parameter or a column, decided by whoever compiles the tree. */
    record Name(String name, int column) implements Node {}

    /** {@code -a}. */
    record Neg(Node operand, int column) implements Node {}

    /** {@code a op b} for the arithmetic operators {@code + - * / ^}. */
    record Binary(Op op, Node left, Node right, int column) implements Node {}

    /** A call of one of the built-in {@link Fn functions}. */
    record Call(Fn fn, List<Node> args, int column) implements Node {}

    /** {@code a < b} and the other comparisons; true is 1, false is 0. */
    record Compare(Op op, Node left, Node right, int column) implements Node {}

    /** {@code a and b}, {@code a or b}. */
    record Logic(Op op, Node left, Node right, int column) implements Node {}

    /** {@code not a}. */
    record Not(Node operand, int column) implements Node {}

    enum Op { ADD, SUB, MUL, DIV, POW, LT, LE, GT, GE, EQ, NE, AND, OR }

    /** The built-in functions, with how many arguments each takes. */
    enum Fn {
        EXP("exp", 1), LOG("log", 1), LOG1P("log1p", 1), SQRT("sqrt", 1), ABS("abs", 1),
        SOFTPLUS("softplus", 1), SIGMOID("sigmoid", 1),
        SIN("sin", 1), COS("cos", 1), TAN("tan", 1), ATAN("atan", 1), TANH("tanh", 1), ERF("erf", 1),
        /** {@code pow(a, b)} is {@code a^b}; the parser writes it as the power. */
        POW("pow", 2),
        MIN("min", 2), MAX("max", 2), LOGSUMEXP("logsumexp", 2);

        final String word;
        /** For MIN, MAX, LOGSUMEXP the least number of arguments; for the others the exact number. */
        final int arity;

        Fn(String word, int arity) {
            this.word = word;
            this.arity = arity;
        }

        boolean variadic() {
            return this == MIN || this == MAX || this == LOGSUMEXP;
        }

        static Fn named(String word) {
            for (Fn f : values()) {
                if (f.word.equals(word)) return f;
            }
            return null;
        }
    }
}
