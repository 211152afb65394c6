package dev.mainstay.tools.calculator;

import java.math.BigDecimal;
import java.util.Objects;

/** The outcome of evaluating one expression: a number, or a one-line reason it has none. */
public sealed interface Calculation {
    /** A finite result, already rounded to {@link Calculator#MATH_CONTEXT}. */
    record Value(BigDecimal number) implements Calculation {
        public Value {
            Objects.requireNonNull(number, "number");
        }

        /** Plain decimal notation, never scientific: {@code 409.5}, {@code 120}, {@code 0.001}. */
        public String text() {
            return number.toPlainString();
        }
    }

    /** The expression could not be evaluated; {@code message} is one line, fit to show the model. */
    record Failure(String message) implements Calculation {
        public Failure {
            Objects.requireNonNull(message, "message");
        }
    }
}
