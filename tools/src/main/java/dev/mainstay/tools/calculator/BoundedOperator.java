package dev.mainstay.tools.calculator;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.operators.OperatorIfc;
import com.ezylang.evalex.parser.Token;

/**
 * An EvalEx operator that refuses out-of-range operands before delegating and out-of-range results after, plus an
 * optional operator-specific check run before the delegate (the power operator's size estimate).
 */
final class BoundedOperator implements OperatorIfc {
    /** Inspects numeric operands before evaluation; returns a reason to refuse, or {@code null}. */
    @FunctionalInterface
    interface PreCheck {
        String problem(EvaluationValue[] operands);
    }

    private final OperatorIfc delegate;
    private final PreCheck preCheck;

    BoundedOperator(OperatorIfc delegate) {
        this(delegate, operands -> null);
    }

    BoundedOperator(OperatorIfc delegate, PreCheck preCheck) {
        this.delegate = delegate;
        this.preCheck = preCheck;
    }

    @Override
    public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... operands)
            throws EvaluationException {
        for (var operand : operands) {
            if (operand.isNumberValue()) {
                refuseIf(Magnitude.problem(operand.getNumberValue()), token);
            }
        }
        refuseIf(preCheck.problem(operands), token);
        EvaluationValue result;
        try {
            result = delegate.evaluate(expression, token, operands);
        } catch (NumberFormatException e) {
            // EvalEx turns a double result into a BigDecimal; NaN and infinity fail there
            throw new EvaluationException(token, "the result is not a finite number");
        }
        if (result.isNumberValue()) {
            refuseIf(Magnitude.problem(result.getNumberValue()), token);
        }
        return result;
    }

    static void refuseIf(String problem, Token token) throws EvaluationException {
        if (problem != null) {
            throw new EvaluationException(token, problem);
        }
    }

    @Override
    public int getPrecedence() {
        return delegate.getPrecedence();
    }

    @Override
    public int getPrecedence(ExpressionConfiguration configuration) {
        return delegate.getPrecedence(configuration);
    }

    @Override
    public boolean isLeftAssociative() {
        return delegate.isLeftAssociative();
    }

    @Override
    public boolean isPrefix() {
        return delegate.isPrefix();
    }

    @Override
    public boolean isPostfix() {
        return delegate.isPostfix();
    }

    @Override
    public boolean isInfix() {
        return delegate.isInfix();
    }

    @Override
    public boolean isOperandLazy() {
        return delegate.isOperandLazy();
    }
}
